package dev.streamproc.consumer;

import dev.streamproc.lambdakit.Deadline;
import dev.streamproc.lambdakit.KinesisRecord;
import java.util.ArrayList;
import java.util.List;

/** The consumer core: decode a batch, write its items, and say which records must come again. */
public final class EventDataProcessor {

    private final BatchDecoder decoder;
    private final ItemSink sink;
    private final FailurePolicy policy;

    public EventDataProcessor(FailurePolicy policy, ItemSink sink) {
        this.decoder = new BatchDecoder(policy);
        this.sink = sink;
        this.policy = policy;
    }

    public BatchSummary process(List<KinesisRecord> records, Deadline deadline) {
        DecodedBatch batch = decoder.decode(records);
        WritePlan plan = batch.plan();
        WriteOutcome written = plan.isEmpty() ? WriteOutcome.NOTHING_TO_WRITE : sink.write(plan.items(), deadline);
        List<Rejection> rejections = batch.rejections();
        if (!written.refused().isEmpty()) {
            rejections = new ArrayList<>(rejections);
            rejections.addAll(plan.rejectionsOf(written.refused()));
        }
        return new BatchSummary(
                batch.records(),
                batch.userRecords(),
                written.itemsWritten(),
                batch.skipped(),
                List.copyOf(rejections),
                plan.collapsedDuplicates(),
                written.retries(),
                policy.sequenceNumbersToRetry(records, plan, written.unwritten()));
    }
}
