package dev.streamproc.local.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Where every record went. Two identities must hold for the run to pass:
 * <pre>
 * stream:   produced (producer's acknowledged tweets + injected records) = user records read back from the stream
 * consumer: user records = EventData items + skipped notices + rejected records + records sent to the on-failure queue
 * archive:  user records = S3 Ok rows + Dropped + processing-failed lines
 * </pre>
 */
public record Accounting(long producerSent, long producerFailed, long injected, long kinesisRecords, long userRecords,
                         long eventDataItems, long consumerSkipped, long consumerRejected, long consumerOnFailure,
                         long s3OkRows, long dropped, long processingFailed) {

    public long produced() {
        return producerSent + injected;
    }

    public long consumerAccounted() {
        return eventDataItems + consumerSkipped + consumerRejected + consumerOnFailure;
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
            problems.add("the producer could not put " + producerFailed + " tweets");
        }
        if (produced() != userRecords) {
            problems.add("produced " + produced() + " records but the stream holds " + userRecords
                    + (userRecords > produced() ? " (duplicates from producer retries)" : " (records lost)"));
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
