package dev.streamproc.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDocumentsTest {

    private static List<String> items(String capture) {
        JsonDocuments documents = new JsonDocuments(new ObjectMapper(), new ByteArrayInputStream(capture.getBytes(StandardCharsets.UTF_8)));
        List<String> items = new ArrayList<>();
        for (JsonDocuments.Item item = documents.next(); item != null; item = documents.next()) {
            items.add(item.line() + (item instanceof JsonDocuments.Document ? ": document" : ": " + ((JsonDocuments.Rejected) item).reason()));
        }
        return items;
    }

    @Test
    void linesAreTheFilesLinesEvenWithCarriageReturnsInside() {
        // found by JsonDocumentsFuzzTest: the parser counts a lone CR as a line break, which put items past the file's end
        assertThat(items("{\"a\":1}\r\r\r{\"b\":2}\n42\r\n{\"c\":\r3}\n"))
                .containsExactly("1: document", "1: document", "2: not a JSON object", "3: document");
    }
}
