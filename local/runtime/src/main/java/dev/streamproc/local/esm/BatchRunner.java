package dev.streamproc.local.esm;

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

    /** A piece of the batch still to be handled; {@code retries} counts retries used, {@code invokes} invocations made. */
    private record Attempt(List<StreamRecord> records, int retries, int invokes, String lastRequestId, String lastFunctionError) {
    }

    public BatchRunner(EsmSettings settings, LambdaInvoker invoker, EventFormat format, FailureDestination onFailure,
                       EsmMetrics metrics, Clock clock) {
        this.settings = settings;
        this.invoker = invoker;
        this.format = format;
        this.onFailure = onFailure;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs until every record of {@code batch} is handled (delivered or given up on); false if interrupted first. */
    public boolean run(List<StreamRecord> batch, Consumer<List<StreamRecord>> handled) {
        Deque<Attempt> work = new ArrayDeque<>();
        work.push(new Attempt(List.copyOf(batch), 0, 0, null, null));
        while (!work.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            Attempt attempt = work.pop();
            if (tooOld(attempt.records)) {
                giveUp(attempt, FailureRecord.Condition.RecordAgeExceeded, handled);
                continue;
            }
            String requestId = UUID.randomUUID().toString();
            InvocationResult result;
            try {
                result = invoker.invoke(settings.functionId(), format.event(attempt.records));
            } catch (CancellationException e) {
                return false;
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return false;
                }
                // The batch did not reach the function (the runtime could not run it): retried like a failed invocation.
                LOG.warn("{}: cannot invoke: {}", settings.functionId(), e.toString());
                result = InvocationResult.error("Runtime.InvokeFailed", e.toString(), Duration.ZERO);
            }
            metrics.batchesInvoked.incrementAndGet();
            Attempt invoked = new Attempt(attempt.records, attempt.retries, attempt.invokes + 1, requestId, null);
            if (result.succeeded()) {
                BatchResponse.Verdict verdict = settings.reportBatchItemFailures()
                        ? BatchResponse.judge(result.payload(), attempt.records)
                        : new BatchResponse.Verdict(-1, null);
                if (verdict.success()) {
                    delivered(attempt.records, handled);
                    continue;
                }
                if (!verdict.invalid()) {
                    delivered(attempt.records.subList(0, verdict.firstFailedIndex()), handled);
                    List<StreamRecord> rest = attempt.records.subList(verdict.firstFailedIndex(), attempt.records.size());
                    if (!retryOrGiveUp(new Attempt(rest, invoked.retries, invoked.invokes, requestId, null), work, handled)) {
                        return false;
                    }
                    continue;
                }
                LOG.warn("{}: invalid batch item failure response ({}), the whole batch counts as failed",
                        settings.functionId(), verdict.invalidReason());
            } else {
                LOG.info("{}: batch of {} failed: {} {}", settings.functionId(), attempt.records.size(), result.errorType(),
                        result.errorMessage());
                invoked = new Attempt(attempt.records, attempt.retries, invoked.invokes, requestId, "Unhandled");
            }
            if (settings.bisectBatchOnFunctionError() && attempt.records.size() > 1) {
                int half = attempt.records.size() / 2;
                work.push(new Attempt(attempt.records.subList(half, attempt.records.size()), invoked.retries, invoked.invokes,
                        requestId, invoked.lastFunctionError));
                work.push(new Attempt(attempt.records.subList(0, half), invoked.retries, invoked.invokes, requestId,
                        invoked.lastFunctionError));
                continue;
            }
            if (!retryOrGiveUp(invoked, work, handled)) {
                return false;
            }
        }
        return true;
    }

    private boolean retryOrGiveUp(Attempt failed, Deque<Attempt> work, Consumer<List<StreamRecord>> handled) {
        int max = settings.maximumRetryAttempts();
        if (max >= 0 && failed.retries >= max) {
            giveUp(failed, FailureRecord.Condition.RetryAttemptsExhausted, handled);
            return true;
        }
        metrics.retries.incrementAndGet();
        work.push(new Attempt(failed.records, failed.retries + 1, failed.invokes, failed.lastRequestId, failed.lastFunctionError));
        return pause(settings.retryDelay());
    }

    private boolean tooOld(List<StreamRecord> records) {
        int maxAge = settings.maximumRecordAgeSeconds();
        if (maxAge < 0) {
            return false;
        }
        Instant oldest = records.get(0).approximateArrivalTimestamp();
        return oldest != null && Duration.between(oldest, clock.instant()).getSeconds() >= maxAge;
    }

    private void delivered(List<StreamRecord> records, Consumer<List<StreamRecord>> handled) {
        if (!records.isEmpty()) {
            metrics.recordsDelivered.addAndGet(records.size());
            handled.accept(records);
        }
    }

    private void giveUp(Attempt attempt, FailureRecord.Condition condition, Consumer<List<StreamRecord>> handled) {
        metrics.recordsDiscarded.addAndGet(attempt.records.size());
        String json = FailureRecord.json(attempt.lastRequestId == null ? UUID.randomUUID().toString() : attempt.lastRequestId,
                settings.functionArn(), condition, attempt.invokes, attempt.lastFunctionError, attempt.invokes > 0,
                attempt.records, settings.streamArn(), format.batchInfoKey(), clock.instant());
        if (onFailure == null) {
            LOG.warn("{}: gave up on {} records ({}), no on-failure destination: {}", settings.functionId(), attempt.records.size(),
                    condition, json);
        } else {
            // Lambda keeps trying the destination; a record is only skipped once it is described there.
            while (true) {
                try {
                    onFailure.send(json);
                    break;
                } catch (RuntimeException e) {
                    LOG.warn("{}: cannot send to on-failure destination {}: {}", settings.functionId(), onFailure, e.toString());
                    if (!pause(Duration.ofSeconds(1))) {
                        return;
                    }
                }
            }
            metrics.recordsSentToOnFailure.addAndGet(attempt.records.size());
            LOG.info("{}: gave up on {} records ({}), described to {}", settings.functionId(), attempt.records.size(), condition, onFailure);
        }
        handled.accept(attempt.records);
    }

    private static boolean pause(Duration duration) {
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
