package dev.streamproc.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing of the replay reader (Jazzer): any capture file is read to its end as documents and
 * rejected items, each on a line of the file — never an exception (one bad capture must not stop a replay), a stack
 * overflow, or a hang. Each item takes input: there are never more items than bytes.
 */
class JsonDocumentsFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "5s")
    void read(byte[] capture) {
        long lines = 1;
        for (byte b : capture) {
            if (b == '\n') {
                lines++;
            }
        }
        JsonDocuments documents = new JsonDocuments(JSON, new ByteArrayInputStream(capture));
        int items = 0;
        for (JsonDocuments.Item item = documents.next(); item != null; item = documents.next()) {
            items++;
            assertThat(items).as("items read from %d bytes", capture.length).isLessThanOrEqualTo(capture.length);
            assertThat((long) item.line()).isBetween(1L, lines);
            if (item instanceof JsonDocuments.Document document) {
                assertThat(document.node().isContainerNode()).isTrue();
                assertThat(document.raw()).isNotEmpty();
            } else {
                assertThat(((JsonDocuments.Rejected) item).reason()).isNotBlank();
            }
        }
    }
}
