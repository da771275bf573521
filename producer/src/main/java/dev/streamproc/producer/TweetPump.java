package dev.streamproc.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds tweets into a {@link RecordSink} and accounts for every one: each ends up sent, or
 * failed after one retry (none when the sink says a resend could duplicate it), or (when the wait runs out) failed as unconfirmed. Plain Java, no AWS
 * types, so the accounting is unit-testable.
 *
 * <p>Threading: outcomes arrive on the sink's threads (the KPL's callback pool) and are only
 * counted there. A retry is queued and sent by the caller's thread (in {@link #submit} and
 * {@link #finish}): sending from a callback thread can block on the sink's capacity, which only
 * those same threads free — the deadlock of issue 13.
 */
public final class TweetPump {

    private static final int MAX_ERROR_SAMPLES = 20;

    private final RecordSink sink;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong possibleDuplicates = new AtomicLong();
    private final AtomicLong lastSettled = new AtomicLong(System.nanoTime());
    /** Submission time of every record without a final outcome, by submission number (oldest first). */
    private final ConcurrentSkipListMap<Long, Long> inFlight = new ConcurrentSkipListMap<>();
    private final Queue<Attempt> retries = new ConcurrentLinkedQueue<>();
    private final Map<String, long[]> perTopic = new TreeMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final Object quiet = new Object();

    /** One record on its way: the first try, or the retry after a failed first try. */
    private record Attempt(long number, OutgoingTweet tweet, boolean retry, int ambiguousBefore) {
    }

    public TweetPump(RecordSink sink) {
        this.sink = sink;
    }

    /** Queues one tweet (and any retries that are due); returns once the sink took it. */
    public void submit(OutgoingTweet tweet) {
        sendRetries();
        long number = submitted.incrementAndGet();
        inFlight.put(number, System.nanoTime());
        send(new Attempt(number, tweet, false, 0));
    }

    private void send(Attempt attempt) {
        sink.send(attempt.tweet().partitionKey(), attempt.tweet().data())
                .whenComplete((outcome, error) -> onOutcome(attempt, outcome, error));
    }

    /** Runs on whatever thread completed the send: counts, queues a retry, never blocks or sends. */
    private void onOutcome(Attempt attempt, RecordSink.SendOutcome outcome, Throwable error) {
        boolean ok = error == null && outcome != null && outcome.ok();
        int ambiguous = attempt.ambiguousBefore() + (outcome == null ? 0 : outcome.ambiguousAttempts());
        boolean resendable = error != null || outcome == null || outcome.resendable();
        if (!ok && !attempt.retry() && resendable) {
            retries.add(new Attempt(attempt.number(), attempt.tweet(), true, ambiguous));
            signal();
            return;
        }
        if (ok && ambiguous > 0) {
            possibleDuplicates.incrementAndGet(); // an earlier request timed out and may have been stored too
        }
        String why = ok ? null : error != null ? error.toString() : outcome == null ? "no outcome" : outcome.error();
        settle(attempt, ok, why);
    }

    private void settle(Attempt attempt, boolean ok, String why) {
        String topic = attempt.tweet().topicLabel();
        synchronized (perTopic) {
            long[] counts = perTopic.computeIfAbsent(topic, t -> new long[2]);
            counts[ok ? 0 : 1]++;
        }
        if (ok) {
            sent.incrementAndGet();
        } else {
            failed.incrementAndGet();
            if (errors.size() < MAX_ERROR_SAMPLES) {
                errors.add("topic " + topic + ": " + why);
            }
        }
        inFlight.remove(attempt.number());
        lastSettled.set(System.nanoTime());
        signal();
    }

    private void signal() {
        synchronized (quiet) {
            quiet.notifyAll();
        }
    }

    /** Sends the retries that outcomes queued; always on the caller's thread. */
    private void sendRetries() {
        Attempt retry;
        while ((retry = retries.poll()) != null) {
            retried.incrementAndGet();
            send(retry);
        }
    }

    /**
     * Flushes the sink and waits until every submitted tweet is settled, or {@code bound} has
     * passed, or no outcome at all arrived for the sink's {@link RecordSink#outcomeDeadline()}
     * (then the sink is stuck: waiting longer cannot help). Whatever is still open is counted as
     * failed ("unconfirmed": at-least-once delivery means it may still arrive, and a re-send is
     * covered by the consumer's idempotency). The monitor is never held while calling the sink.
     */
    public Tally finish(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        long stalled = sink.outcomeDeadline().toNanos();
        boolean interrupted = false;
        while (true) {
            sendRetries();
            sink.flush();
            long now = System.nanoTime();
            if (pending() == 0 || now >= deadline || now - lastSettled.get() > stalled) {
                break;
            }
            synchronized (quiet) {
                if (retries.isEmpty() && pending() > 0) {
                    try {
                        quiet.wait(Math.max(1, Math.min(100, (deadline - now) / 1_000_000)));
                    } catch (InterruptedException e) {
                        interrupted = true;
                        break;
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        long unconfirmed = pending();
        List<String> errorLines = new ArrayList<>(errors);
        if (unconfirmed > 0) {
            errorLines.add(unconfirmed + " record(s) unconfirmed: no outcome within " + describe(bound)
                    + " (they may still arrive; the consumer's writes are idempotent)");
        }
        return new Tally(submitted.get(), sent.get(), failed.get() + unconfirmed, unconfirmed, retried.get(),
                possibleDuplicates.get(), topicCounts(), List.copyOf(errorLines));
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Records without a final outcome (in flight or waiting for their retry). */
    public long pending() {
        return submitted.get() - sent.get() - failed.get();
    }

    /** Age of the oldest record still without an outcome; zero when none is pending. */
    public Duration oldestPendingAge() {
        Map.Entry<Long, Long> oldest = inFlight.firstEntry();
        return oldest == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - oldest.getValue()));
    }

    public long sentSoFar() {
        return sent.get();
    }

    public long failedSoFar() {
        return failed.get();
    }

    public long submittedSoFar() {
        return submitted.get();
    }

    public long retriedSoFar() {
        return retried.get();
    }

    public long possibleDuplicatesSoFar() {
        return possibleDuplicates.get();
    }

    private Map<String, ProducerReport.TopicCounts> topicCounts() {
        Map<String, ProducerReport.TopicCounts> out = new TreeMap<>();
        synchronized (perTopic) {
            perTopic.forEach((topic, c) -> out.put(topic, new ProducerReport.TopicCounts(c[0], c[1])));
        }
        return out;
    }

    /**
     * Final counts; {@code failed} includes {@code unconfirmed}.
     *
     * @param possibleDuplicates records sent after a try whose request timed out: the stream may hold them twice
     */
    public record Tally(long submitted, long sent, long failed, long unconfirmed, long retried, long possibleDuplicates,
                        Map<String, ProducerReport.TopicCounts> perTopic, List<String> errors) {
    }
}
