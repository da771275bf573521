package dev.streamproc.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every record went. Three identities must hold for the run to pass:
 * <pre>
 * stream:   produced (producer's acknowledged tweets + injected records) = distinct user records on the stream
 * consumer: user records = records stored as EventData items + skipped notices + rejected records
 *                          + records of batches sent to the on-failure queue
 * archive:  user records = S3 Ok rows + Dropped + processing-failed lines
 * </pre>
 * Delivery is at-least-once: a producer retry can put the same record twice. Such a duplicate is one more user
 * record on the stream; the consumer stores it onto the same item (so {@code itemRecords} counts the records behind
 * the items, duplicates included) and Firehose archives it again.
 *
 * The source's rejections (input it could not use, e.g. a bad replay line) never reach the stream, so they are
 * outside the identities; the demo shows them and fails on them unless asked not to ({@link SourceVerdict}).
 *
 * @param itemRecords    user records whose item is in EventData: the record that wrote it and its duplicates
 * @param sourceRejected input items the producer's source could not use (not sent)
 */
public record Accounting(long sourceRejected, long producerSent, long producerFailed, long injected, long kinesisRecords, long userRecords,
                         long distinctRecords, long eventDataItems, long itemRecords, long consumerSkipped, long consumerRejected,
                         long consumerOnFailure, long s3OkRows, long dropped, long processingFailed) {

    public static Builder builder() {
        return new Builder();
    }

    /** Each figure by name (all start at 0). */
    public static final class Builder {
        private long sourceRejected, producerSent, producerFailed, injected, kinesisRecords, userRecords, distinctRecords, eventDataItems, itemRecords, consumerSkipped, consumerRejected, consumerOnFailure, s3OkRows, dropped, processingFailed;

        private Builder() {
        }

        public Builder sourceRejected(long value) {
            sourceRejected = value;
            return this;
        }

        public Builder producerSent(long value) {
            producerSent = value;
            return this;
        }

        public Builder producerFailed(long value) {
            producerFailed = value;
            return this;
        }

        public Builder injected(long value) {
            injected = value;
            return this;
        }

        public Builder kinesisRecords(long value) {
            kinesisRecords = value;
            return this;
        }

        public Builder userRecords(long value) {
            userRecords = value;
            return this;
        }

        public Builder distinctRecords(long value) {
            distinctRecords = value;
            return this;
        }

        public Builder eventDataItems(long value) {
            eventDataItems = value;
            return this;
        }

        public Builder itemRecords(long value) {
            itemRecords = value;
            return this;
        }

        public Builder consumerSkipped(long value) {
            consumerSkipped = value;
            return this;
        }

        public Builder consumerRejected(long value) {
            consumerRejected = value;
            return this;
        }

        public Builder consumerOnFailure(long value) {
            consumerOnFailure = value;
            return this;
        }

        public Builder s3OkRows(long value) {
            s3OkRows = value;
            return this;
        }

        public Builder dropped(long value) {
            dropped = value;
            return this;
        }

        public Builder processingFailed(long value) {
            processingFailed = value;
            return this;
        }

        public Accounting build() {
            return new Accounting(sourceRejected, producerSent, producerFailed, injected, kinesisRecords, userRecords, distinctRecords, eventDataItems, itemRecords, consumerSkipped, consumerRejected, consumerOnFailure, s3OkRows, dropped, processingFailed);
        }
    }

    /** Records the stream holds twice or more, beyond the first copy. */
    public long duplicates() {
        return userRecords - distinctRecords;
    }

    public long produced() {
        return producerSent + injected;
    }

    public long consumerAccounted() {
        return itemRecords + consumerSkipped + consumerRejected + consumerOnFailure;
    }

    public long archiveAccounted() {
        return s3OkRows + dropped + processingFailed;
    }

    /** True when every record is accounted for, on both paths, exactly. */
    public boolean closes() {
        return problems().isEmpty();
    }

    /** One sentence per identity that does not hold. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (producerFailed > 0) {
            long landedAnyway = Math.max(0, distinctRecords - produced());
            problems.add("the producer reported " + producerFailed + " tweets as not acknowledged"
                    + (landedAnyway > 0 ? " (" + landedAnyway + " of them are on the stream all the same: timed out, not lost)" : ""));
        }
        if (produced() != distinctRecords && !(producerFailed > 0 && distinctRecords > produced()
                && distinctRecords <= produced() + producerFailed)) {
            problems.add("produced " + produced() + " records but the stream holds " + distinctRecords + " distinct ones");
        }
        if (consumerAccounted() != userRecords) {
            problems.add("consumer side: " + consumerAccounted() + " of " + userRecords + " records accounted for");
        }
        if (archiveAccounted() != userRecords) {
            problems.add("archive side: " + archiveAccounted() + " of " + userRecords + " records accounted for");
        }
        return problems;
    }
}
