package dev.streamproc.local.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream server that stops answering (issue 11, item 8: kinesis-mock killed mid-run made every reader log
 * "reading shardId-… failed" twice a second forever): the cursor asks again after growing waits, says so once
 * naming the server, and resumes after the last record it read once the server is back.
 */
@Timeout(10)
class ShardCursorOutageTest {

    /** A shard of our own StreamSource interface whose server can be switched off. */
    private static final class Shard implements StreamSource {
        boolean down;
        boolean restartedWithoutTheLastRecords;
        int calls;
        final List<StartPosition> iteratorsAskedFor = new ArrayList<>();
        int served;

        @Override
        public String streamArn() {
            return "arn:aws:kinesis:us-east-1:000000000000:stream/s";
        }

        @Override
        public String server() {
            return "the Kinesis server at http://127.0.0.1:4568";
        }

        @Override
        public List<String> shardIds() {
            return List.of("shardId-000000000000");
        }

        @Override
        public String shardIterator(String shardId, StartPosition position) {
            calls++;
            if (down) {
                throw new IllegalStateException("Unable to execute HTTP request: Connection refused");
            }
            iteratorsAskedFor.add(position);
            if (restartedWithoutTheLastRecords && position.type() == StartPosition.Type.AFTER_SEQUENCE_NUMBER) {
                throw new IllegalStateException("Unable to find record with provided SequenceNumber " + position.sequenceNumber());
            }
            return "it";
        }

        @Override
        public Page getRecords(String shardId, String iterator, int limit) {
            calls++;
            if (down) {
                throw new IllegalStateException("Unable to execute HTTP request: Connection refused");
            }
            served++;
            return new Page(List.of(new StreamRecord(shardId, "seq-" + served, "k", new byte[] {1}, Instant.EPOCH.plusSeconds(served))), "it", 0);
        }

        @Override
        public boolean positionGone(RuntimeException e) {
            return e.getMessage().startsWith("Unable to find record");
        }
    }

    private long now;

    @Test
    void whileTheServerIsDownItIsAskedAfterGrowingWaitsNotTwiceASecond() {
        Shard shard = new Shard();
        ShardCursor cursor = new ShardCursor(shard, "shardId-000000000000", StartPosition.trimHorizon(), () -> now);
        assertThat(cursor.next(100).records()).hasSize(1);
        assertThat(cursor.next(100).records()).hasSize(1);

        shard.down = true;
        shard.calls = 0;
        for (int poll = 0; poll < 240; poll++) { // two minutes of a poller asking every 500 ms
            assertThat(cursor.next(100).records()).isEmpty();
            now += Duration.ofMillis(500).toNanos();
        }
        // waits 0.5, 1, 2, 4, then 8 s: about 18 attempts in 120 s instead of 240
        assertThat(shard.calls).isBetween(10, 20);
        assertThat(cursor.failures()).isEqualTo(shard.calls);

        shard.down = false;
        now += ReadRetry.LONGEST_WAIT.toNanos();
        assertThat(cursor.next(100).records()).extracting(StreamRecord::sequenceNumber).containsExactly("seq-3");
        assertThat(cursor.failures()).isZero();
        assertThat(shard.iteratorsAskedFor).last().isEqualTo(StartPosition.afterSequenceNumber("seq-2"));
    }

    @Test
    void whenTheRestartedServerLacksTheLastRecordReadReadingGoesOnFromItsArrivalTime() {
        Shard shard = new Shard();
        ShardCursor cursor = new ShardCursor(shard, "shardId-000000000000", StartPosition.trimHorizon(), () -> now);
        cursor.next(100);
        cursor.next(100);
        shard.down = true;
        cursor.next(100);
        // back with its data as saved a moment before seq-2 was put: an iterator after seq-2 is refused
        shard.down = false;
        shard.restartedWithoutTheLastRecords = true;
        now += ReadRetry.LONGEST_WAIT.toNanos();

        assertThat(cursor.next(100).records()).extracting(StreamRecord::sequenceNumber).containsExactly("seq-3");
        assertThat(shard.iteratorsAskedFor).last().isEqualTo(StartPosition.atTimestamp(Instant.EPOCH.plusSeconds(2)));
        assertThat(cursor.failures()).isZero();
    }

    @Test
    void anOutageIsOneLineNamingTheServerThenAReminderAMinuteThenOneLineWhenItEnds() {
        ReadRetry retry = new ReadRetry();
        String what = "reading shardId-000000000000 of s from the Kinesis server at http://127.0.0.1:4568";
        List<String> lines = new ArrayList<>();
        for (int second = 0; second < 150; second++) {
            long at = Duration.ofSeconds(second).toNanos();
            if (retry.mayTry(at)) {
                retry.failed(at, what, "Connection refused").ifPresent(lines::add);
            }
        }
        retry.succeeded(Duration.ofSeconds(151).toNanos(), what).ifPresent(lines::add);

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(what + " failed: Connection refused; retrying with waits up to 8 s");
        assertThat(lines.get(1)).startsWith(what + " still failing after ");
        assertThat(lines.get(3)).startsWith(what + " works again after ");
        assertThat(retry.succeeded(Duration.ofSeconds(152).toNanos(), what)).isEqualTo(Optional.empty());
    }
}
