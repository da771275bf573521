package dev.streamproc.local.esm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import dev.streamproc.local.stream.StreamRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tumbling windows of one shard (mapping with {@code TumblingWindowInSeconds}), as the Lambda developer guide's
 * "Time windows" section describes them:
 * <ul>
 *   <li>a batch never spans windows; each invocation gets the window and the {@code state} the previous invocation of
 *   the window returned ({@code {}} at its start), and must answer with a {@code state} or it counts as failed —
 *   retried, bisected and given up on under the mapping's usual policies ("Tumbling windows fully support the
 *   existing retry policies"); a partial batch response's state is kept for the retried rest;</li>
 *   <li>when the window is over (a record of a later window comes, the shard is read up to the window's end, or the
 *   shard ends) the function is called once more with no records and {@code isFinalInvokeForWindow: true}; that call
 *   is retried until it succeeds ("your Lambda function suspends further processing until a successful invocation"),
 *   and only then are the window's records checkpointed and its state dropped;</li>
 *   <li>a state over 1 MB ends the window early: the final call carries that state with
 *   {@code isWindowTerminatedEarly: true}, and the rest of the window's records continue with a fresh state.</li>
 * </ul>
 * A record that arrives late for a window already finished joins the current one. The state lives in memory: a
 * mapping stopped mid-window checkpointed none of the window's records, so they come again after a restart and the
 * window is rebuilt from {@code {}} (at least once, as the guide allows: "some records might be processed more than once").
 */
final class ShardWindows implements BatchRunner.Envelope {

    private static final Logger LOG = LoggerFactory.getLogger(ShardWindows.class);

    private final EsmSettings settings;
    private final Duration size;
    private final String shardId;
    private final EventFormat format;
    private final BatchRunner runner;
    private final LambdaInvoker invoker;
    private final EsmMetrics metrics;
    private final RetryBackoff backoff;
    /** Records of the open window that are delivered or given up on, checkpointed once its final call succeeds. */
    private final List<StreamRecord> held = new ArrayList<>();
    private Consumer<List<StreamRecord>> handled = records -> { };
    private TumblingWindow window;
    private JsonNode state = WindowEvent.emptyState();
    private boolean overLimit;

    ShardWindows(EsmSettings settings, String shardId, EventFormat format, BatchRunner runner, LambdaInvoker invoker,
                 EsmMetrics metrics) {
        this.settings = settings;
        this.size = settings.tumblingWindow();
        this.shardId = shardId;
        this.format = format;
        this.runner = runner;
        this.invoker = invoker;
        this.metrics = metrics;
        this.backoff = RetryBackoff.from(settings.retryDelay());
    }

    /** Runs {@code batch} window by window; false if interrupted first. */
    boolean run(List<StreamRecord> batch, Consumer<List<StreamRecord>> handled) {
        this.handled = handled;
        int from = 0;
        while (from < batch.size()) {
            TumblingWindow first = windowOf(batch.get(from));
            if (window != null && first.start().isAfter(window.start()) && !finish(false)) {
                return false;
            }
            if (window == null) {
                window = first;
                state = WindowEvent.emptyState();
            }
            int to = from + 1;
            while (to < batch.size() && !windowOf(batch.get(to)).start().isAfter(window.start())) {
                to++;
            }
            if (!runner.run(batch.subList(from, to), held::addAll, this)) {
                return false;
            }
            if (overLimit && !finish(true)) {
                return false;
            }
            from = to;
        }
        return true;
    }

    /**
     * Ends the open window when it is over: the shard is read up to {@code readUpTo} (every record that arrived before
     * it is delivered) and that is past its end, or the shard has ended. False if interrupted first.
     */
    boolean closeIfOver(Instant readUpTo, boolean shardEnded, Consumer<List<StreamRecord>> handled) {
        this.handled = handled;
        if (window == null || !(shardEnded || (readUpTo != null && !readUpTo.isBefore(window.end())))) {
            return true;
        }
        return finish(false);
    }

    /** The window currently open, or null. */
    TumblingWindow openWindow() {
        return window;
    }

    private TumblingWindow windowOf(StreamRecord record) {
        Instant arrival = record.approximateArrivalTimestamp();
        return TumblingWindow.of(arrival == null ? Instant.now() : arrival, size);
    }

    @Override
    public byte[] wrap(byte[] recordsEvent) {
        // A bisected batch's next half follows a half whose state went over the limit: end that part of the window first.
        if (overLimit && !finish(true)) {
            throw new CancellationException("interrupted");
        }
        return WindowEvent.wrap(recordsEvent, new WindowEvent.Context(window, state, shardId, format.eventSourceArn(), false, false));
    }

    @Override
    public String refusal(byte[] payload) {
        return WindowEvent.stateOf(payload) == null ? "the response has no state property" : null;
    }

    @Override
    public void accepted(byte[] payload) {
        state = WindowEvent.stateOf(payload);
        int bytes = WindowEvent.sizeOf(state);
        if (bytes > WindowEvent.STATE_LIMIT_BYTES) {
            LOG.info("{} {}: window state of {} bytes is over 1 MB, the window {} ends early", settings.functionId(), shardId,
                    bytes, window.start());
            overLimit = true;
        }
    }

    /**
     * The window's final call: no records, {@code isFinalInvokeForWindow}, retried until it succeeds. Then its records
     * are handed on (checkpointed) and its state dropped; after an early end the same window goes on with {@code {}}.
     */
    private boolean finish(boolean early) {
        byte[] event = WindowEvent.wrap(format.event(List.of()),
                new WindowEvent.Context(window, state, shardId, format.eventSourceArn(), true, early));
        for (int attempt = 1; ; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            InvocationResult result = BatchRunner.invokeOnce(invoker, settings.functionId(), event, UUID.randomUUID().toString());
            if (result == null) {
                return false;
            }
            metrics.batchesInvoked.incrementAndGet();
            if (result.succeeded()) {
                break;
            }
            LOG.info("{} {}: final call of window {} failed ({} {}), retried until it succeeds", settings.functionId(), shardId,
                    window.start(), result.errorType(), result.errorMessage());
            metrics.retries.incrementAndGet();
            if (!BatchRunner.pause(backoff.before(attempt))) {
                return false;
            }
        }
        if (!held.isEmpty()) {
            List<StreamRecord> done = List.copyOf(held);
            held.clear();
            handled.accept(done);
        }
        state = WindowEvent.emptyState();
        overLimit = false;
        if (!early) {
            window = null;
        }
        return true;
    }
}
