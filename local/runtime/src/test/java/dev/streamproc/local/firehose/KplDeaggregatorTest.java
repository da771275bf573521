package dev.streamproc.local.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.model.kpl.KplAggregate;
import dev.streamproc.model.kpl.UserRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Firehose's own decoder checked against the model's KPL encoder (which the model checks against the KPL's bytes). */
class KplDeaggregatorTest {

    private static UserRecord user(String key, String data) {
        return new UserRecord(key, null, 0, data.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void splitsAnAggregateIntoItsUserRecordsWithKeysAndSubsequenceNumbers() {
        byte[] aggregate = KplAggregate.encode(List.of(user("a", "{\"id\":1}"), user("b", "{\"id\":2,\"text\":\"日本語\"}"), user("a", "x")));

        List<KplDeaggregator.UserRecord> records = KplDeaggregator.deaggregate(aggregate);

        assertThat(records).extracting(KplDeaggregator.UserRecord::partitionKey).containsExactly("a", "b", "a");
        assertThat(records).extracting(KplDeaggregator.UserRecord::subSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(records).extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
                .containsExactly("{\"id\":1}", "{\"id\":2,\"text\":\"日本語\"}", "x");
    }

    @Test
    void aPlainRecordPassesThroughWhole() {
        byte[] plain = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(KplDeaggregator.deaggregate(plain)).singleElement().satisfies(r -> {
            assertThat(r.data()).isEqualTo(plain);
            assertThat(r.partitionKey()).isNull();
            assertThat(r.subSequenceNumber()).isZero();
        });
    }

    @Test
    void aRecordWithTheMagicButABadChecksumIsAPlainRecord() {
        byte[] aggregate = KplAggregate.encode(List.of(user("a", "one"), user("b", "two")));
        aggregate[aggregate.length - 1] ^= 1;
        assertThat(KplDeaggregator.deaggregate(aggregate)).singleElement().satisfies(r -> assertThat(r.data()).isEqualTo(aggregate));
    }
}
