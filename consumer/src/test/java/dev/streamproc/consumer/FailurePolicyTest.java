package dev.streamproc.consumer;

import static dev.streamproc.consumer.StreamRecords.plain;
import static dev.streamproc.consumer.StreamRecords.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.lambdakit.KinesisRecord;
import dev.streamproc.model.ParseResult;
import dev.streamproc.model.RecordLineage;
import dev.streamproc.model.TweetParser;
import dev.streamproc.model.kpl.CorruptAggregateException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {

    private final FailurePolicy policy = new FailurePolicy();
    private final RecordLineage lineage = new RecordLineage("shardId-000000000001", "4959", 3);

    @Test
    void aTweetIsStoredUnderItsUsernameAndId() {
        Disposition disposition = policy.dispositionOf(TweetParser.parse(TestTweets.status(5, "alice", "hi", null)), lineage);

        assertThat(disposition).isInstanceOfSatisfying(Disposition.Store.class, store -> {
            assertThat(store.key()).isEqualTo(new ItemKey("alice", "5"));
            assertThat(store.attributes()).containsEntry("SubSequenceNumber", 3L);
        });
    }

    @Test
    void aNoticeIsSkippedWithItsKind() {
        assertThat(policy.dispositionOf(new ParseResult.Notice("delete"), lineage))
                .isEqualTo(new Disposition.Skip("delete"));
    }

    @Test
    void unparseableInputIsRejectedWithTheParsersReason() {
        assertThat(policy.dispositionOf(new ParseResult.Rejected("invalid UTF-8 at byte 3"), lineage))
                .isEqualTo(new Disposition.Reject("invalid UTF-8 at byte 3"));
    }

    @Test
    void corruptAggregatesAndUnexpectedParserErrorsAreRejectedNotRetried() {
        assertThat(policy.corruptAggregate(new CorruptAggregateException("MD5 mismatch")))
                .isEqualTo(new Disposition.Reject("corrupt KPL aggregate: MD5 mismatch"));
        assertThat(policy.unexpectedFailure(new IllegalStateException("boom")))
                .isEqualTo(new Disposition.Reject("unexpected IllegalStateException: boom"));
    }

    @Test
    void anItemWithoutAKeyIsRejected() {
        Map<String, Object> attributes = new HashMap<>(Map.of("Username", "", "Id", "1"));

        assertThat(policy.store(attributes)).isInstanceOf(Disposition.Reject.class);
    }

    @Test
    void nothingToRetryWhenEveryItemWasWritten() {
        WritePlan plan = new WritePlan();
        plan.add(new ItemKey("a", "1"), Map.of(), sequenceNumber(1));

        assertThat(policy.sequenceNumbersToRetry(List.of(plain(1, new byte[0])), plan, Set.of())).isEmpty();
    }

    @Test
    void reportsEveryOwnerOfAnUnwrittenItemOnceInDeliveryOrder() {
        List<KinesisRecord> records = List.of(
                plain(1, new byte[0]), plain(2, new byte[0]), plain(3, new byte[0]), plain(4, new byte[0]));
        WritePlan plan = new WritePlan();
        plan.add(new ItemKey("a", "1"), Map.of(), sequenceNumber(4));
        plan.add(new ItemKey("a", "1"), Map.of(), sequenceNumber(2)); // redelivered in the same batch
        plan.add(new ItemKey("b", "2"), Map.of(), sequenceNumber(1));
        plan.add(new ItemKey("c", "3"), Map.of(), sequenceNumber(3));
        plan.add(new ItemKey("d", "4"), Map.of(), sequenceNumber(4));

        List<String> retry = policy.sequenceNumbersToRetry(records, plan,
                Set.of(new ItemKey("a", "1"), new ItemKey("d", "4")));

        assertThat(retry).containsExactly(sequenceNumber(2), sequenceNumber(4));
    }
}
