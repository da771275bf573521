package dev.streamproc.model.kpl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided fuzzing of the KPL aggregate decoder (Jazzer). Whatever the bytes, decoding yields user records
 * or a {@link CorruptAggregateException}, nothing else; what it yields re-encodes to an aggregate that decodes to
 * the same payloads.
 */
class KplAggregateFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void decode(byte[] data) {
        List<UserRecord> records;
        try {
            records = KplAggregate.decode(data, "outer");
        } catch (CorruptAggregateException expected) {
            return;
        }
        assertThat(records).isNotEmpty();
        if (KplAggregate.isAggregated(data)) {
            List<UserRecord> again = KplAggregate.decode(KplAggregateEncoder.encode(records), "outer");
            assertThat(again).hasSameSizeAs(records);
            for (int i = 0; i < records.size(); i++) {
                assertThat(again.get(i).data()).isEqualTo(records.get(i).data());
                assertThat(again.get(i).partitionKey()).isEqualTo(records.get(i).partitionKey());
            }
        }
        for (UserRecord record : records) {
            try {
                KplAggregate.openNested(record);
            } catch (CorruptAggregateException expected) {
                // a nested aggregate may be corrupt too
            }
        }
    }
}
