package dev.streamproc.producer.putrecords;

import dev.streamproc.producer.RecordSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * A {@link RecordSink} that writes with SDK v2 {@code PutRecords}, the seed's second producer:
 * records are grouped into calls of at most 500 records or 5 MiB, the entries a partial response
 * reports failed are retried with exponential backoff, and nothing is ever sent twice by this
 * sink: a call that got no answer (timeout, lost connection) may have been stored, so its records
 * are reported failed ("may have been stored") and not resent. The SDK client must not retry on
 * its own ({@link PutRecordsClients} builds it so).
 *
 * <p>{@link #send} only buffers; calls run on {@code senders} threads, at most two calls per
 * sender queued (back-pressure on the caller, bounded by {@link #outcomeDeadline()}). A partial
 * batch goes out after {@code linger} or on {@link #flush()}.
 */
public final class PutRecordsSink implements RecordSink, AutoCloseable {

    /** Tries per record, the first included. */
    static final int MAX_ATTEMPTS = 6;

    private record Entry(String partitionKey, byte[] data, CompletableFuture<SendOutcome> outcome) {
    }

    private final KinesisClient kinesis;
    private final String stream;
    private final Duration requestTimeout;
    private final Backoff backoff;
    private final ExecutorService senders;
    private final ScheduledExecutorService linger;
    private final Semaphore inFlight;
    private final PutRecordsBatch<Entry> batch = new PutRecordsBatch<>();
    private long batchStarted;
    private final long lingerNanos;

    public PutRecordsSink(KinesisClient kinesis, String stream, int senders, Duration requestTimeout, Duration linger,
                          Backoff backoff) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.requestTimeout = requestTimeout;
        this.backoff = backoff;
        this.senders = Executors.newFixedThreadPool(senders, daemon("put-records"));
        this.inFlight = new Semaphore(senders * 2);
        this.lingerNanos = linger.toNanos();
        this.linger = Executors.newSingleThreadScheduledExecutor(daemon("put-records-linger"));
        long every = Math.max(1, linger.toMillis() / 2);
        this.linger.scheduleAtFixedRate(this::shipIfLingering, every, every, TimeUnit.MILLISECONDS);
    }

    public PutRecordsSink(KinesisClient kinesis, String stream, Duration requestTimeout) {
        this(kinesis, stream, 4, requestTimeout, Duration.ofMillis(100),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), Math::random));
    }

    @Override
    public CompletableFuture<SendOutcome> send(String partitionKey, byte[] data) {
        CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
        long size = PutRecordsBatch.size(partitionKey, data);
        if (size > PutRecordsBatch.MAX_RECORD_BYTES) {
            outcome.complete(finalFailure("record of " + size + " bytes is over Kinesis's 1 MiB limit", 0, 0));
            return outcome;
        }
        synchronized (batch) {
            if (!batch.fits(size)) {
                ship();
            }
            if (batch.isEmpty()) {
                batchStarted = System.nanoTime();
            }
            batch.add(new Entry(partitionKey, data, outcome), size);
            if (batch.size() == PutRecordsBatch.MAX_RECORDS) {
                ship();
            }
        }
        return outcome;
    }

    @Override
    public void flush() {
        synchronized (batch) {
            ship();
        }
    }

    private void shipIfLingering() {
        synchronized (batch) {
            if (!batch.isEmpty() && System.nanoTime() - batchStarted >= lingerNanos) {
                ship();
            }
        }
    }

    /** Hands the current batch to a sender; waits (bounded) while every sender is busy. Holds the batch lock. */
    private void ship() {
        if (batch.isEmpty()) {
            return;
        }
        List<Entry> entries = batch.take();
        boolean permitted;
        try {
            permitted = inFlight.tryAcquire(outcomeDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            permitted = false;
        }
        if (!permitted) {
            entries.forEach(e -> e.outcome().complete(finalFailure("not sent: every PutRecords sender stayed busy", 0, 0)));
            return;
        }
        senders.execute(() -> {
            try {
                deliver(entries);
            } finally {
                inFlight.release();
            }
        });
    }

    /** One batch to its end: retries what the responses report failed, never what may have been stored. */
    void deliver(List<Entry> entries) {
        List<Entry> pending = entries;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                sleep(backoff.before(attempt - 1));
            }
            PutRecordsResponse response;
            List<Entry> call = pending;
            try {
                response = kinesis.putRecords(r -> r.streamName(stream).records(requestEntries(call)));
            } catch (SdkServiceException e) {
                // The service answered: nothing of this call was stored. Throttling and 5xx are worth a retry.
                if (attempt < MAX_ATTEMPTS && (e.isThrottlingException() || e.statusCode() >= 500)) {
                    continue;
                }
                fail(pending, e.getClass().getSimpleName() + ": " + e.getMessage(), attempt, 0);
                return;
            } catch (SdkClientException e) {
                // No answer: the call may have been stored. Resending could duplicate, so it ends here.
                fail(pending, "no answer to PutRecords (may have been stored; not resent to avoid a duplicate): "
                        + e.getMessage(), attempt, 1);
                return;
            }
            List<Entry> failed = new ArrayList<>();
            String lastError = null;
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < pending.size(); i++) {
                PutRecordsResultEntry result = results.get(i);
                Entry entry = pending.get(i);
                if (result.errorCode() == null) {
                    entry.outcome().complete(new SendOutcome(true, result.shardId(), null, attempt, 0, false));
                } else {
                    failed.add(entry);
                    lastError = result.errorCode() + ": " + result.errorMessage();
                }
            }
            if (!failed.isEmpty() && attempt >= MAX_ATTEMPTS) {
                fail(failed, lastError + " (" + attempt + " attempts)", attempt, 0);
                return;
            }
            pending = failed;
        }
    }

    private static List<PutRecordsRequestEntry> requestEntries(List<Entry> entries) {
        List<PutRecordsRequestEntry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(PutRecordsRequestEntry.builder().partitionKey(e.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(e.data())).build());
        }
        return out;
    }

    private static void fail(List<Entry> entries, String why, int attempts, int ambiguous) {
        entries.forEach(e -> e.outcome().complete(finalFailure(why, attempts, ambiguous)));
    }

    private static SendOutcome finalFailure(String why, int attempts, int ambiguous) {
        return new SendOutcome(false, null, why, attempts, ambiguous, false);
    }

    /** Waiting for the senders, then every try of a batch with its backoff. */
    @Override
    public Duration outcomeDeadline() {
        return requestTimeout.plus(backoff.cap()).multipliedBy(MAX_ATTEMPTS).multipliedBy(2).plusSeconds(5);
    }

    @Override
    public void close() {
        linger.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(outcomeDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
