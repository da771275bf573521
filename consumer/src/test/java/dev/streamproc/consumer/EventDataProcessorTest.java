package dev.streamproc.consumer;

import static dev.streamproc.consumer.StreamRecords.aggregate;
import static dev.streamproc.consumer.StreamRecords.plain;
import static dev.streamproc.consumer.StreamRecords.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.lambdakit.Deadline;
import dev.streamproc.lambdakit.KinesisRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventDataProcessorTest {

    /** Keeps items in memory and leaves unwritten the ones whose Id it is told to fail. */
    private static final class MemorySink implements ItemSink {
        final List<Map<String, Object>> written = new ArrayList<>();
        final Set<String> failingIds = new HashSet<>();
        int calls;

        @Override
        public WriteOutcome write(Map<ItemKey, Map<String, Object>> items, Deadline deadline) {
            calls++;
            Set<ItemKey> unwritten = new HashSet<>();
            items.forEach((key, item) -> {
                if (failingIds.contains(key.id())) {
                    unwritten.add(key);
                } else {
                    written.add(item);
                }
            });
            return new WriteOutcome(items.size() - unwritten.size(), unwritten, 0);
        }
    }

    private final MemorySink sink = new MemorySink();
    private final EventDataProcessor processor = new EventDataProcessor(new FailurePolicy(), sink);

    @Test
    void anEmptyBatchSucceedsWithoutWriting() {
        BatchSummary summary = processor.process(List.of(), Deadline.after(Duration.ofSeconds(5)));

        assertThat(summary.failedSequenceNumbers()).isEmpty();
        assertThat(sink.calls).isZero();
    }

    @Test
    void accountsForEveryUserRecordAndFailsOnlyRecordsWithUnwrittenItems() {
        List<KinesisRecord> records = List.of(
                plain(1, TestTweets.status(101)),
                aggregate(2, List.of(TestTweets.status(201), TestTweets.status(202), Fixtures.tweet("notice-limit.json"))),
                plain(3, Fixtures.tweet("malformed.json")),
                plain(4, TestTweets.status(401)));
        sink.failingIds.add("202");

        BatchSummary summary = processor.process(records, Deadline.after(Duration.ofSeconds(5)));

        assertThat(summary.records()).isEqualTo(4);
        assertThat(summary.userRecords()).isEqualTo(6);
        assertThat(summary.itemsWritten()).isEqualTo(3);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.itemsWritten() + 1 + summary.skipped() + summary.rejected()).isEqualTo(summary.userRecords());
        assertThat(summary.failedSequenceNumbers()).containsExactly(sequenceNumber(2));
    }
}
