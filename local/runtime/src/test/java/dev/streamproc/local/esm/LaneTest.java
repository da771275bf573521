package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.stream.StreamRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a lane cuts batches out of what the poller read (no server needed: the records are handed over directly). */
class LaneTest {

    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/s";
    private final KinesisEventFormat format = new KinesisEventFormat(STREAM, "us-east-1", "arn:aws:iam::000000000000:role/r");

    private Lane lane(EsmSettings settings) {
        BatchRunner runner = new BatchRunner(settings, (f, e) -> null, format, null, new EsmMetrics(), Clock.systemUTC());
        return new Lane(settings, format, runner, null, null);
    }

    private static List<StreamRecord> records(int n, int bytes) {
        List<StreamRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[bytes];
            Arrays.fill(data, (byte) ('a' + i));
            out.add(new StreamRecord("shardId-000000000000", String.valueOf(1000 + i), "k" + i, data, Instant.now()));
        }
        return out;
    }

    @Test
    void aBatchStopsBeforeTheRecordThatWouldPassTheSixMegabyteInvocationLimit() throws InterruptedException {
        Lane lane = lane(EsmSettings.builder("f", "arn", STREAM).batchSize(10_000).build());
        List<StreamRecord> input = records(8, 1024 * 1024);
        lane.offer(input);

        List<StreamRecord> first = lane.collect();
        List<StreamRecord> second = lane.collect();

        assertThat(first.size() + second.size()).isEqualTo(8);
        assertThat(format.event(first).length).isLessThanOrEqualTo(EsmSettings.SIX_MB);
        assertThat(format.event(second).length).isLessThanOrEqualTo(EsmSettings.SIX_MB);
        List<StreamRecord> oneMore = new ArrayList<>(first);
        oneMore.add(second.get(0));
        assertThat(format.event(oneMore).length).isGreaterThan(EsmSettings.SIX_MB);
        assertThat(first).containsExactlyElementsOf(input.subList(0, first.size()));
    }

    @Test
    void aBatchHoldsAtMostBatchSizeRecordsInReadOrder() throws InterruptedException {
        Lane lane = lane(EsmSettings.builder("f", "arn", STREAM).batchSize(3).build());
        List<StreamRecord> input = records(7, 10);
        lane.offer(input);

        assertThat(lane.collect()).containsExactlyElementsOf(input.subList(0, 3));
        assertThat(lane.collect()).containsExactlyElementsOf(input.subList(3, 6));
        assertThat(lane.collect()).containsExactlyElementsOf(input.subList(6, 7));
        assertThat(lane.idle()).isTrue();
    }

    @Test
    void partitionKeysAreSpreadOverLanesByHashSoOneKeyAlwaysGoesToTheSameLane() {
        assertThat(ShardPoller.laneOf("tweet-42", 4)).isEqualTo(ShardPoller.laneOf("tweet-42", 4));
        long used = java.util.stream.IntStream.range(0, 100).map(i -> ShardPoller.laneOf("k" + i, 4)).distinct().count();
        assertThat(used).isEqualTo(4);
    }
}
