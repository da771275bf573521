package dev.streamproc.producer;

import dev.streamproc.producer.source.SourceIssues;
import dev.streamproc.producer.source.SourceState;
import dev.streamproc.producer.source.SourceStateStore;
import dev.streamproc.producer.source.TweetSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One producer run: load the source position, send one batch, wait (bounded) for every
 * record's outcome, and advance the position only if nothing failed, so failed tweets are
 * fetched and sent again next time rather than lost.
 */
public final class ProducerRun {

    private final TweetSource source;
    private final SourceStateStore stateStore;
    private final RecordSink sink;

    public ProducerRun(TweetSource source, SourceStateStore stateStore, RecordSink sink) {
        this.source = source;
        this.stateStore = stateStore;
        this.sink = sink;
    }

    /** @param bound how long to wait for outstanding records after the batch is queued */
    public ProducerReport run(Duration bound) {
        long start = System.nanoTime();
        SourceState state = stateStore.load();
        TweetPump pump = new TweetPump(sink);
        Iterator<OutgoingTweet> batch = source.nextBatch(state);
        while (batch.hasNext()) {
            pump.submit(batch.next());
        }
        TweetPump.Tally tally = pump.finish(bound);
        SourceIssues issues = source.issues();
        boolean save = tally.failed() == 0;
        if (save) {
            stateStore.save(state);
        }
        List<String> errors = new ArrayList<>(issues.errors());
        errors.addAll(tally.errors());
        if (!save) {
            errors.add(tally.failed() + " record(s) failed: source position not advanced, they will be sent again");
        }
        return new ProducerReport(source.name(), tally.sent(), tally.failed(), issues.rejected(),
                tally.possibleDuplicates(), tally.perTopic(),
                save, issues.rateLimited(), errors, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
