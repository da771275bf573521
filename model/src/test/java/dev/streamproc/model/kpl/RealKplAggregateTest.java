package dev.streamproc.model.kpl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.model.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Kinesis record the real KPL (1.1.1, aggregation on) put on a local Kinesis: the 14 tweet fixtures, some with an
 * explicit hash key. Captured once; src/test/resources/kpl/real-kpl-aggregate.txt lists what went in, in order.
 */
class RealKplAggregateTest {

    private static final byte[] CAPTURED = resource("/kpl/real-kpl-aggregate.bin");

    @Test
    void decodesEveryUserRecordTheKplPutWithItsKeysAndExactBytes() {
        List<String[]> sent = manifest();

        List<UserRecord> decoded = KplAggregate.decode(CAPTURED, "outer");

        assertThat(KplAggregate.isAggregated(CAPTURED)).isTrue();
        assertThat(decoded).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            String[] line = sent.get(i);
            UserRecord record = decoded.get(i);
            assertThat(record.partitionKey()).isEqualTo(line[0]);
            assertThat(record.explicitHashKey()).isEqualTo("-".equals(line[1]) ? null : line[1]);
            assertThat(record.data()).as(line[2]).isEqualTo(Fixtures.bytes(line[2]));
            assertThat(record.subSequenceNumber()).isEqualTo(i);
            assertThat(record.aggregated()).isTrue();
        }
    }

    @Test
    void encodingTheDecodedRecordsGivesBackTheKplsBytes() {
        assertThat(KplAggregateEncoder.encode(KplAggregate.decode(CAPTURED, "outer"))).isEqualTo(CAPTURED);
    }

    private static List<String[]> manifest() {
        List<String[]> lines = new ArrayList<>();
        for (String line : new String(resource("/kpl/real-kpl-aggregate.txt"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line.split(" "));
            }
        }
        return lines;
    }

    private static byte[] resource(String name) {
        try (InputStream in = RealKplAggregateTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
