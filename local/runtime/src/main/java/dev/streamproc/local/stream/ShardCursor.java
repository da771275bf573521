package dev.streamproc.local.stream;

import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one shard page by page. Keeps the sequence number of the last record read so that a lost or
 * rejected iterator (kinesis-mock answers 500 for one; a restarted server knows none) is replaced from where
 * reading stopped. While reads fail, the server is asked again only after growing waits ({@link ReadRetry}), and
 * the log says so once, naming the server, instead of twice a second.
 */
public final class ShardCursor {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCursor.class);

    private final StreamSource source;
    private final String shardId;
    private final LongSupplier nanoClock;
    private final ReadRetry retry = new ReadRetry();
    private StartPosition start;
    private String iterator;
    private boolean closed;
    private java.time.Instant lastArrival;

    public ShardCursor(StreamSource source, String shardId, StartPosition start) {
        this(source, shardId, start, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime()} or a test's clock */
    public ShardCursor(StreamSource source, String shardId, StartPosition start, LongSupplier nanoClock) {
        this.source = source;
        this.shardId = shardId;
        this.start = start;
        this.nanoClock = nanoClock;
    }

    public String shardId() {
        return shardId;
    }

    /** True once the shard is closed and fully read. */
    public boolean closed() {
        return closed;
    }

    /** Consecutive failed reads so far (0 when the last one worked). */
    public int failures() {
        return retry.failures();
    }

    /**
     * One GetRecords call; an empty page when nothing is new, when the call failed (it is retried later), or when
     * the wait after a failure is not over yet (no call is made).
     */
    public StreamSource.Page next(int limit) {
        if (closed || !retry.mayTry(nanoClock.getAsLong())) {
            return new StreamSource.Page(List.of(), closed ? null : "", 0);
        }
        try {
            if (iterator == null) {
                iterator = iteratorFrom(start);
            }
            StreamSource.Page page = source.getRecords(shardId, iterator, limit);
            retry.succeeded(nanoClock.getAsLong(), what()).ifPresent(LOG::info);
            if (!page.records().isEmpty()) {
                StreamRecord last = page.records().get(page.records().size() - 1);
                start = StartPosition.afterSequenceNumber(last.sequenceNumber());
                lastArrival = last.approximateArrivalTimestamp();
            }
            iterator = page.nextIterator();
            closed = iterator == null;
            return page;
        } catch (RuntimeException e) {
            iterator = null;
            retry.failed(nanoClock.getAsLong(), what(), e.getMessage() == null ? e.toString() : e.getMessage()).ifPresent(LOG::warn);
            return new StreamSource.Page(List.of(), "", 0);
        }
    }

    /**
     * An iterator at {@code position}. When the server no longer holds the record to read after (it restarted from
     * data saved a moment before that record was put), reading goes on from the records that arrived since that
     * record did — or from the oldest, when its arrival is unknown: records may come twice, none is skipped.
     */
    private String iteratorFrom(StartPosition position) {
        try {
            return source.shardIterator(shardId, position);
        } catch (RuntimeException e) {
            if (position.type() != StartPosition.Type.AFTER_SEQUENCE_NUMBER || !source.positionGone(e)) {
                throw e;
            }
            StartPosition instead = lastArrival != null ? StartPosition.atTimestamp(lastArrival) : StartPosition.trimHorizon();
            LOG.warn("{}: the server no longer holds record {} (lost when it restarted); reading on from {}", what(), position.sequenceNumber(),
                    lastArrival != null ? "the records that arrived since " + lastArrival : "the oldest record");
            start = instead;
            return source.shardIterator(shardId, instead);
        }
    }

    private String what() {
        return "reading " + shardId + " of " + source.streamArn() + " from " + source.server();
    }
}
