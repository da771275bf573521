package dev.streamproc.producer.kinesis;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.streamproc.producer.RecordSink;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.kinesis.producer.Attempt;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.UserRecordFailedException;
import software.amazon.kinesis.producer.UserRecordResult;

/**
 * A {@link RecordSink} over one {@link KinesisProducer} and one stream. Outcomes complete on the
 * KPL's callback pool: callers must not block or send from there (see {@link RecordSink}).
 */
public final class KplSink implements RecordSink {

    /** Above this many outstanding user records, {@link #send} waits (keeps memory bounded in long CLI runs). */
    static final int MAX_OUTSTANDING = 20_000;

    /** How long the first record to a stream may take before the rest follow (see {@link #send}). */
    private static final Duration FIRST_RECORD_WAIT = Duration.ofSeconds(10);
    /** Streams whose shard map this JVM's KPL already knows, per producer. */
    private static final Map<KinesisProducer, Set<String>> WARM = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * Error codes of an attempt that prove the record was not stored (a per-record PutRecords error
     * or a refused request). Anything else (a timeout, a lost connection) may have been stored.
     */
    private static final Set<String> NOT_STORED = Set.of("ProvisionedThroughputExceededException",
            "InternalFailure", "ResourceNotFoundException", "ValidationException", "AccessDeniedException",
            "KMSThrottlingException", "KMSAccessDeniedException", "KMSDisabledException", "KMSNotFoundException",
            "KMSInvalidStateException", "KMSOptInRequired", "Expired");

    private final KinesisProducer producer;
    private final String stream;
    private final Duration outcomeDeadline;
    private final int maxOutstanding;

    /** @param outcomeDeadline {@link KplSettings#outcomeDeadline} of the producer's configuration */
    public KplSink(KinesisProducer producer, String stream, Duration outcomeDeadline) {
        this(producer, stream, outcomeDeadline, MAX_OUTSTANDING);
    }

    KplSink(KinesisProducer producer, String stream, Duration outcomeDeadline, int maxOutstanding) {
        this.producer = producer;
        this.stream = stream;
        this.outcomeDeadline = outcomeDeadline;
        this.maxOutstanding = maxOutstanding;
    }

    /**
     * Queues one user record. The very first record to a stream is waited for (bounded): the
     * KPL aggregates only once it knows the stream's shard map, and everything queued before
     * that would go out one Kinesis record per tweet.
     */
    @Override
    public CompletableFuture<SendOutcome> send(String partitionKey, byte[] data) {
        CompletableFuture<SendOutcome> outcome = add(partitionKey, data);
        Set<String> warm = WARM.computeIfAbsent(producer, p -> ConcurrentHashMap.newKeySet());
        if (warm.add(stream)) {
            try {
                outcome.get(FIRST_RECORD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the outcome still arrives through the future; we only stop waiting
            }
        }
        return outcome;
    }

    private CompletableFuture<SendOutcome> add(String partitionKey, byte[] data) {
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        String full = awaitCapacity();
        if (full != null) {
            outcome.complete(SendOutcome.failed(full));
            return outcome;
        }
        try {
            Futures.addCallback(producer.addUserRecord(stream, partitionKey, ByteBuffer.wrap(data)),
                    new FutureCallback<UserRecordResult>() {
                        @Override
                        public void onSuccess(UserRecordResult result) {
                            outcome.complete(outcomeOf(result.isSuccessful(), result.getShardId(), result.getAttempts()));
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            if (t instanceof UserRecordFailedException failed && failed.getResult() != null) {
                                outcome.complete(outcomeOf(false, null, failed.getResult().getAttempts()));
                            } else {
                                outcome.complete(SendOutcome.failed(t.toString()));
                            }
                        }
                    }, MoreExecutors.directExecutor());
        } catch (RuntimeException e) { // e.g. record too large, daemon gone
            outcome.complete(SendOutcome.failed(e.toString()));
        }
        return outcome;
    }

    /** Waits while the KPL holds too many records, at most {@link #outcomeDeadline}; the reason if it gave up. */
    private String awaitCapacity() {
        long deadline = System.nanoTime() + outcomeDeadline.toNanos();
        while (producer.getOutstandingRecordsCount() > maxOutstanding) {
            if (System.nanoTime() > deadline) {
                return "not queued: the KPL still held " + producer.getOutstandingRecordsCount()
                        + " outstanding records after " + outcomeDeadline.toSeconds() + " s";
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "not queued: interrupted while the KPL was full";
            }
        }
        return null;
    }

    /** Pushes out what the KPL buffers (it would otherwise wait up to RecordMaxBufferedTime); never waits. */
    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public Duration outcomeDeadline() {
        return outcomeDeadline;
    }

    static SendOutcome outcomeOf(boolean ok, String shardId, List<Attempt> attempts) {
        int tries = attempts == null ? 0 : attempts.size();
        int ambiguous = 0;
        if (attempts != null) {
            for (Attempt a : attempts) {
                if (!a.isSuccessful() && !NOT_STORED.contains(a.getErrorCode())) {
                    ambiguous++;
                }
            }
        }
        // at-least-once: a failed record may be sent again (the consumer's writes are idempotent)
        return new SendOutcome(ok, ok ? shardId : null, ok ? null : describe(attempts), Math.max(1, tries), ambiguous,
                !ok);
    }

    static String describe(List<Attempt> attempts) {
        if (attempts == null || attempts.isEmpty()) {
            return "failed without attempts";
        }
        Attempt last = attempts.get(attempts.size() - 1);
        return last.getErrorCode() + ": " + last.getErrorMessage() + " (" + attempts.size() + " attempts)";
    }
}
