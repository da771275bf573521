package dev.streamproc.producer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Where user records go: the KPL, SDK {@code PutRecords}, or anything with the same contract in
 * tests and benches.
 *
 * <p>Threading contract: {@link #send} may block the caller for back-pressure, but only for a
 * bounded time; the returned future may complete on a thread of the sink (the KPL's callback
 * pool). Callers must never block or call {@link #send} from such a completion: the sink's own
 * threads are what frees capacity, so doing that can deadlock (issue 13).
 */
public interface RecordSink {

    /**
     * Queues one user record. The future completes with the outcome (never exceptionally);
     * it may complete long after this call returns.
     */
    CompletableFuture<SendOutcome> send(String partitionKey, byte[] data);

    /** Pushes out everything buffered now; does not wait for the outcomes (the caller does, bounded). */
    void flush();

    /**
     * The longest a queued record can stay without an outcome, once flushed: the caller's wait
     * for outcomes needs no more than this (KPL: record TTL plus one request timeout).
     */
    Duration outcomeDeadline();

    /**
     * The outcome of one user record.
     *
     * @param attempts           tries the sink made (1 when the first try settled it)
     * @param ambiguousAttempts  failed tries whose request may still have been stored (timeout,
     *                           connection lost): a later success may then be a duplicate in the stream
     * @param resendable         whether the caller may send a failed record again; false when the sink
     *                           already retried what was safe and a resend could store it twice
     */
    record SendOutcome(boolean ok, String shardId, String error, int attempts, int ambiguousAttempts,
                       boolean resendable) {

        public static SendOutcome sent(String shardId) {
            return new SendOutcome(true, shardId, null, 1, 0, false);
        }

        public static SendOutcome failed(String error) {
            return new SendOutcome(false, null, error, 1, 0, true);
        }
    }
}
