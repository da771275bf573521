package dev.streamproc.local.esm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.StreamRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one batch to its end the way Lambda's stream pollers do: invoke; on a function error or timeout retry
 * (splitting the batch in two first when {@code BisectBatchOnFunctionError} is on — a split does not use up a
 * retry); under {@code ReportBatchItemFailures} hand back the records before the lowest reported one and retry
 * from it; give up on records past {@code MaximumRetryAttempts} or {@code MaximumRecordAgeInSeconds}, describe
 * them to the on-failure destination, and move on. Records are handed to {@code handled} strictly in order.
 */
public final class BatchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    private final EsmSettings settings;
    private final LambdaInvoker invoker;
    private final EventFormat format;
    private final FailureDestination onFailure;
    private final EsmMetrics metrics;
    private final Clock clock;
    private final RetryBackoff backoff;

    /**
     * A piece of the batch still to be handled; {@code retries} counts retries used, {@code invokes} invocations made,
     * {@code last} the last invocation of these records (null before the first).
     */
    private record Attempt(List<StreamRecord> records, int retries, int invokes, FailureRecord.LastInvocation last) {

        Attempt slice(int from, int to) {
            return new Attempt(records.subList(from, to), retries, invokes, last);
        }
    }

    /**
     * What a mapping adds around a batch's event and asks of the function's answer; a tumbling window adds its window
     * and state and needs a {@code state} back ({@link ShardWindows}).
     */
    public interface Envelope {

        Envelope NONE = new Envelope() {
        };

        /** The event the function receives, from the event of the batch's records. */
        default byte[] wrap(byte[] recordsEvent) {
            return recordsEvent;
        }

        /** Why a normal response still counts as a failed invocation, or null when it does not. */
        default String refusal(byte[] payload) {
            return null;
        }

        /** The function answered and (some of) the batch succeeded. */
        default void accepted(byte[] payload) {
        }
    }

    public BatchRunner(EsmSettings settings, LambdaInvoker invoker, EventFormat format, FailureDestination onFailure,
                       EsmMetrics metrics, Clock clock) {
        this.settings = settings;
        this.invoker = invoker;
        this.format = format;
        this.onFailure = onFailure;
        this.metrics = metrics;
        this.clock = clock;
        this.backoff = RetryBackoff.from(settings.retryDelay());
    }

    /** The function the batches go to (a tumbling window's final call goes there too). */
    LambdaInvoker invoker() {
        return invoker;
    }

    /** Runs until every record of {@code batch} is handled (delivered or given up on); false if interrupted first. */
    public boolean run(List<StreamRecord> batch, Consumer<List<StreamRecord>> handled) {
        return run(batch, handled, Envelope.NONE);
    }

    /** As {@link #run(List, Consumer)}, each invocation's event and answer passing through {@code envelope}. */
    public boolean run(List<StreamRecord> batch, Consumer<List<StreamRecord>> handled, Envelope envelope) {
        Deque<Attempt> work = new ArrayDeque<>();
        work.push(new Attempt(List.copyOf(batch), 0, 0, null));
        while (!work.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            Attempt attempt = work.pop();
            // Only the expired records are discarded; the fresh rest is invoked (AWS recorded: LocalStack snapshot
            // test_kinesis_maximum_record_age_exceeded_discard_records).
            int expired = expiredPrefix(attempt.records);
            if (expired > 0) {
                if (!giveUp(attempt.slice(0, expired), FailureRecord.Condition.RecordAgeExceeded, handled)) {
                    return false;
                }
                if (expired == attempt.records.size()) {
                    continue;
                }
                attempt = attempt.slice(expired, attempt.records.size());
            }
            String requestId = UUID.randomUUID().toString();
            InvocationResult result = invokeOnce(invoker, settings.functionId(), envelope.wrap(format.event(attempt.records)), requestId);
            if (result == null) {
                return false;
            }
            metrics.batchesInvoked.incrementAndGet();
            if (result.succeeded()) {
                // A response judged partial or invalid leaves functionError null in the failure record.
                Attempt invoked = new Attempt(attempt.records, attempt.retries, attempt.invokes + 1,
                        new FailureRecord.LastInvocation(requestId, null));
                String refusal = envelope.refusal(result.payload());
                BatchResponse.Verdict verdict = refusal != null ? new BatchResponse.Verdict(-1, refusal)
                        : settings.reportBatchItemFailures() ? BatchResponse.judge(result.payload(), attempt.records)
                        : new BatchResponse.Verdict(-1, null);
                if (verdict.success()) {
                    envelope.accepted(result.payload());
                    delivered(attempt.records, handled);
                    continue;
                }
                if (!verdict.invalid()) {
                    envelope.accepted(result.payload());
                    delivered(attempt.records.subList(0, verdict.firstFailedIndex()), handled);
                    if (!retryOrGiveUp(invoked.slice(verdict.firstFailedIndex(), attempt.records.size()), work, handled)) {
                        return false;
                    }
                    continue;
                }
                LOG.warn("{}: invalid response ({}), the whole batch counts as failed",
                        settings.functionId(), verdict.invalidReason());
                if (!failed(invoked, work, handled)) {
                    return false;
                }
            } else {
                LOG.info("{}: batch of {} failed: {} {}", settings.functionId(), attempt.records.size(), result.errorType(),
                        result.errorMessage());
                if (!failed(new Attempt(attempt.records, attempt.retries, attempt.invokes + 1,
                        new FailureRecord.LastInvocation(requestId, "Unhandled")), work, handled)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The whole attempt failed: split it when bisecting (a split uses up no retry), else retry or give up. */
    private boolean failed(Attempt invoked, Deque<Attempt> work, Consumer<List<StreamRecord>> handled) {
        if (settings.bisectBatchOnFunctionError() && invoked.records.size() > 1) {
            int half = invoked.records.size() / 2;
            work.push(invoked.slice(half, invoked.records.size()));
            work.push(invoked.slice(0, half));
            return true;
        }
        return retryOrGiveUp(invoked, work, handled);
    }

    private boolean retryOrGiveUp(Attempt failed, Deque<Attempt> work, Consumer<List<StreamRecord>> handled) {
        int max = settings.maximumRetryAttempts();
        if (max >= 0 && failed.retries >= max) {
            return giveUp(failed, FailureRecord.Condition.RetryAttemptsExhausted, handled);
        }
        metrics.retries.incrementAndGet();
        work.push(new Attempt(failed.records, failed.retries + 1, failed.invokes, failed.last));
        return pause(backoff.before(failed.retries + 1));
    }

    /** How many records at the head of {@code records} are older than MaximumRecordAgeInSeconds (arrivals rise in a shard). */
    private int expiredPrefix(List<StreamRecord> records) {
        int maxAge = settings.maximumRecordAgeSeconds();
        if (maxAge < 0) {
            return 0;
        }
        Instant now = clock.instant();
        int n = 0;
        while (n < records.size()) {
            Instant arrival = records.get(n).approximateArrivalTimestamp();
            if (arrival == null || Duration.between(arrival, now).getSeconds() < maxAge) {
                break;
            }
            n++;
        }
        return n;
    }

    private void delivered(List<StreamRecord> records, Consumer<List<StreamRecord>> handled) {
        if (!records.isEmpty()) {
            metrics.recordsDelivered.addAndGet(records.size());
            handled.accept(records);
        }
    }

    /** Describes the records to the on-failure destination and moves on; false if interrupted before that. */
    private boolean giveUp(Attempt attempt, FailureRecord.Condition condition, Consumer<List<StreamRecord>> handled) {
        ObjectNode failure = FailureRecord.node(settings.functionArn(), condition, attempt.invokes, attempt.last,
                attempt.records, format.eventSourceArn(), format, clock.instant(), UUID.randomUUID().toString());
        if (onFailure == null) {
            LOG.warn("{}: gave up on {} records ({}), no on-failure destination: {}", settings.functionId(), attempt.records.size(),
                    condition, FailureRecord.json(failure));
        } else {
            byte[] payload = format.event(attempt.records);
            // Lambda keeps trying the destination; a record is only skipped once it is described there.
            while (true) {
                try {
                    onFailure.send(failure, payload);
                    break;
                } catch (RuntimeException e) {
                    LOG.warn("{}: cannot send to on-failure destination {}: {}", settings.functionId(), onFailure, e.toString());
                    if (!pause(Duration.ofSeconds(1))) {
                        return false;
                    }
                }
            }
            metrics.recordsSentToOnFailure.addAndGet(attempt.records.size());
            LOG.info("{}: gave up on {} records ({}), described to {}", settings.functionId(), attempt.records.size(), condition, onFailure);
        }
        // Counted once described, so a record is never seen as handled before its destination has it.
        metrics.recordsDiscarded.addAndGet(attempt.records.size());
        handled.accept(attempt.records);
        return true;
    }

    /**
     * One invocation. An event that did not reach the function (the runtime could not run it) is a failed invocation,
     * retried like one; null when the mapping is stopping.
     */
    static InvocationResult invokeOnce(LambdaInvoker invoker, String functionId, byte[] event, String requestId) {
        try {
            return invoker.invoke(functionId, event, requestId);
        } catch (CancellationException e) {
            return null;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            LOG.warn("{}: cannot invoke: {}", functionId, e.toString());
            return InvocationResult.error("Runtime.InvokeFailed", e.toString(), Duration.ZERO);
        }
    }

    static boolean pause(Duration duration) {
        if (duration.isZero()) {
            return true;
        }
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
