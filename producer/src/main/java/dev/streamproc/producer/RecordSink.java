package dev.streamproc.producer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Where user records go: the KPL in production, anything with the same contract in tests and benches. */
public interface RecordSink {

    /**
     * Queues one user record. The future completes with the outcome (never exceptionally);
     * it may complete long after this call returns.
     */
    CompletableFuture<SendOutcome> send(String partitionKey, byte[] data);

    /** Pushes out everything buffered and waits (at most {@code bound}) until it has been attempted. */
    void flush(Duration bound);

    /** The outcome of one user record. */
    record SendOutcome(boolean ok, String shardId, String error) {

        public static SendOutcome sent(String shardId) {
            return new SendOutcome(true, shardId, null);
        }

        public static SendOutcome failed(String error) {
            return new SendOutcome(false, null, error);
        }
    }
}
