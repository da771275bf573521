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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletableFuture;
import software.amazon.kinesis.producer.Attempt;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.UserRecordFailedException;
import software.amazon.kinesis.producer.UserRecordResult;

/** A {@link RecordSink} over one {@link KinesisProducer} and one stream. */
public final class KplSink implements RecordSink {

    /** Above this many outstanding user records, {@link #send} waits (keeps memory bounded in long CLI runs). */
    private static final int MAX_OUTSTANDING = 20_000;

    /** How long the first record to a stream may take before the rest follow (see {@link #send}). */
    private static final Duration FIRST_RECORD_WAIT = Duration.ofSeconds(10);
    /** Streams whose shard map this JVM's KPL already knows, per producer. */
    private static final Map<KinesisProducer, Set<String>> WARM = Collections.synchronizedMap(new WeakHashMap<>());

    private final KinesisProducer producer;
    private final String stream;

    public KplSink(KinesisProducer producer, String stream) {
        this.producer = producer;
        this.stream = stream;
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
        awaitCapacity();
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        try {
            Futures.addCallback(producer.addUserRecord(stream, partitionKey, ByteBuffer.wrap(data)),
                    new FutureCallback<UserRecordResult>() {
                        @Override
                        public void onSuccess(UserRecordResult result) {
                            outcome.complete(result.isSuccessful() ? SendOutcome.sent(result.getShardId())
                                    : SendOutcome.failed(describe(result.getAttempts())));
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            outcome.complete(SendOutcome.failed(describe(t)));
                        }
                    }, MoreExecutors.directExecutor());
        } catch (RuntimeException e) { // e.g. record too large, daemon gone
            outcome.complete(SendOutcome.failed(e.toString()));
        }
        return outcome;
    }

    private void awaitCapacity() {
        while (producer.getOutstandingRecordsCount() > MAX_OUTSTANDING) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Like {@link KinesisProducer#flushSync()} but with a bound: KPL's own flushSync waits for
     * ever if a record can never be delivered; the record TTL eventually fails it, but the
     * caller's deadline (the Lambda timeout) may come first.
     */
    @Override
    public void flush(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        producer.flush();
        while (producer.getOutstandingRecordsCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            producer.flush();
        }
    }

    static String describe(Throwable t) {
        if (t instanceof UserRecordFailedException failed && failed.getResult() != null) {
            return describe(failed.getResult().getAttempts());
        }
        return t.toString();
    }

    static String describe(List<Attempt> attempts) {
        if (attempts == null || attempts.isEmpty()) {
            return "failed without attempts";
        }
        Attempt last = attempts.get(attempts.size() - 1);
        return last.getErrorCode() + ": " + last.getErrorMessage() + " (" + attempts.size() + " attempts)";
    }
}
