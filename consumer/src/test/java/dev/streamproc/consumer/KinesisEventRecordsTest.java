package dev.streamproc.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.streamproc.lambdakit.KinesisRecord;
import dev.streamproc.lambdakit.KinesisRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

class KinesisEventRecordsTest {

    @Test
    void readsTheDecodedBytesSequenceNumberPartitionKeyAndShardOfEachRecord() {
        KinesisEvent event = KinesisEvents.fromResource("kinesis-tweet-and-notice.json");

        List<KinesisRecord> records = KinesisRecords.of(event);

        assertThat(records).hasSize(2);
        KinesisRecord first = records.get(0);
        assertThat(first.shardId()).isEqualTo("shardId-000000000003");
        assertThat(first.sequenceNumber()).isEqualTo("49590338271490256608559692538361571095921575989136588801");
        assertThat(first.partitionKey()).isEqualTo("550000000000000004");
        assertThat(first.data()).isEqualTo(trimmed(Fixtures.tweet("v1-japanese.json")));
        assertThat(records.get(1).data()).isEqualTo(trimmed(Fixtures.tweet("notice-delete.json")));
    }

    @Test
    void readingTheDataTwiceGivesTheSameBytes() {
        KinesisEvent event = KinesisEvents.fromResource("kinesis-tweet-and-notice.json");

        assertThat(KinesisRecords.of(event).get(0).data()).isEqualTo(KinesisRecords.of(event).get(0).data());
    }

    @Test
    void anEventWithoutRecordsIsAnEmptyBatch() {
        assertThat(KinesisRecords.of(new KinesisEvent())).isEmpty();
        assertThat(KinesisRecords.of(KinesisEvents.of(List.of()))).isEmpty();
    }

    private static byte[] trimmed(byte[] fileBytes) {
        // The fixture files end with a newline; the event carries the JSON without it.
        return java.util.Arrays.copyOf(fileBytes, fileBytes.length - 1);
    }
}
