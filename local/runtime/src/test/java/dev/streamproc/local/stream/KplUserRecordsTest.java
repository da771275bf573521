package dev.streamproc.local.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.model.kpl.KplAggregateEncoder;
import dev.streamproc.model.kpl.UserRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Firehose's view of a Kinesis record through the model's KPL codec (which the model checks against the KPL's bytes). */
class KplUserRecordsTest {

    private static UserRecord user(String key, String data) {
        return new UserRecord(key, null, 0, data.getBytes(StandardCharsets.UTF_8), true);
    }

    private static StreamRecord kinesisRecord(byte[] data) {
        return new StreamRecord("shardId-000000000000", "49590338271490256608559692538361571095921575989136588898", "outer", data,
                Instant.EPOCH);
    }

    @Test
    void splitsAnAggregateIntoItsUserRecordsWithKeysAndSubsequenceNumbers() {
        byte[] aggregate = KplAggregateEncoder.encode(List.of(user("a", "{\"id\":1}"), user("b", "{\"id\":2,\"text\":\"日本語\"}"), user("a", "x")));

        List<UserRecord> records = KplUserRecords.of(kinesisRecord(aggregate));

        assertThat(records).extracting(UserRecord::partitionKey).containsExactly("a", "b", "a");
        assertThat(records).extracting(UserRecord::subSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(records).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
                .containsExactly("{\"id\":1}", "{\"id\":2,\"text\":\"日本語\"}", "x");
    }

    @Test
    void aPlainRecordPassesThroughWholeUnderTheKinesisRecordsKey() {
        byte[] plain = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(KplUserRecords.of(kinesisRecord(plain))).singleElement().satisfies(r -> {
            assertThat(r.data()).isEqualTo(plain);
            assertThat(r.partitionKey()).isEqualTo("outer");
            assertThat(r.subSequenceNumber()).isZero();
        });
    }

    @Test
    void aRecordWithTheMagicButABadChecksumIsAPlainRecord() {
        byte[] aggregate = KplAggregateEncoder.encode(List.of(user("a", "one"), user("b", "two")));
        aggregate[aggregate.length - 1] ^= 1;
        assertThat(KplUserRecords.of(kinesisRecord(aggregate))).singleElement().satisfies(r -> assertThat(r.data()).isEqualTo(aggregate));
    }
}
