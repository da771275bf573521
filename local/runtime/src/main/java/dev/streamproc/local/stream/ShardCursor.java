package dev.streamproc.local.stream;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one shard page by page. Keeps the sequence number of the last record read so that a lost or
 * rejected iterator (kinesis-mock answers 500 for one) is replaced from where reading stopped.
 */
public final class ShardCursor {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCursor.class);

    private final StreamSource source;
    private final String shardId;
    private StartPosition start;
    private String iterator;
    private boolean closed;

    public ShardCursor(StreamSource source, String shardId, StartPosition start) {
        this.source = source;
        this.shardId = shardId;
        this.start = start;
    }

    public String shardId() {
        return shardId;
    }

    /** True once the shard is closed and fully read. */
    public boolean closed() {
        return closed;
    }

    /** One GetRecords call; an empty page when nothing is new or the call failed (it is retried on the next call). */
    public StreamSource.Page next(int limit) {
        if (closed) {
            return new StreamSource.Page(List.of(), null, 0);
        }
        try {
            if (iterator == null) {
                iterator = source.shardIterator(shardId, start);
            }
            StreamSource.Page page = source.getRecords(shardId, iterator, limit);
            if (!page.records().isEmpty()) {
                start = StartPosition.afterSequenceNumber(page.records().get(page.records().size() - 1).sequenceNumber());
            }
            iterator = page.nextIterator();
            closed = iterator == null;
            return page;
        } catch (RuntimeException e) {
            LOG.warn("reading {} of {} failed, will get a new iterator: {}", shardId, source.streamArn(), e.toString());
            iterator = null;
            return new StreamSource.Page(List.of(), "", 0);
        }
    }
}
