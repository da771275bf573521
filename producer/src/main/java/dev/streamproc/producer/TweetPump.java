package dev.streamproc.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds tweets into a {@link RecordSink} and accounts for every one: each ends up sent, or
 * failed after one retry, or (when the time bound runs out) failed as unconfirmed. Plain Java,
 * no AWS types, so the accounting is unit-testable.
 */
public final class TweetPump {

    private static final int MAX_ERROR_SAMPLES = 20;

    private final RecordSink sink;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Map<String, long[]> perTopic = new TreeMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final Object quiet = new Object();

    public TweetPump(RecordSink sink) {
        this.sink = sink;
    }

    /** Queues one tweet; returns at once (the sink may apply back-pressure). */
    public void submit(OutgoingTweet tweet) {
        submitted.incrementAndGet();
        String topic = tweet.topicLabel();
        sink.send(tweet.partitionKey(), tweet.data())
                .thenCompose(first -> first.ok() ? CompletableFuture.completedFuture(first) : retry(tweet, first))
                .whenComplete((outcome, error) -> settle(topic, outcome, error));
    }

    private CompletableFuture<RecordSink.SendOutcome> retry(OutgoingTweet tweet, RecordSink.SendOutcome first) {
        retried.incrementAndGet();
        return sink.send(tweet.partitionKey(), tweet.data());
    }

    private void settle(String topic, RecordSink.SendOutcome outcome, Throwable error) {
        boolean ok = error == null && outcome != null && outcome.ok();
        synchronized (perTopic) {
            long[] counts = perTopic.computeIfAbsent(topic, t -> new long[2]);
            counts[ok ? 0 : 1]++;
        }
        if (ok) {
            sent.incrementAndGet();
        } else {
            failed.incrementAndGet();
            String why = error != null ? error.toString() : outcome == null ? "no outcome" : outcome.error();
            if (errors.size() < MAX_ERROR_SAMPLES) {
                errors.add("topic " + topic + ": " + why);
            }
        }
        synchronized (quiet) {
            quiet.notifyAll();
        }
    }

    /**
     * Flushes the sink and waits until every submitted tweet is settled or {@code bound} has
     * passed; whatever is still open then is counted as failed ("unconfirmed": at-least-once
     * delivery means it may still arrive, and a re-send is covered by the consumer's idempotency).
     */
    public Tally finish(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        sink.flush(bound);
        synchronized (quiet) {
            while (pending() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                sink.flush(Duration.ofNanos(left)); // retries queued after the first flush
                try {
                    quiet.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        long unconfirmed = pending();
        return new Tally(submitted.get(), sent.get(), failed.get() + unconfirmed, unconfirmed, retried.get(),
                topicCounts(), List.copyOf(errors));
    }

    public long pending() {
        return submitted.get() - sent.get() - failed.get();
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

    private Map<String, ProducerReport.TopicCounts> topicCounts() {
        Map<String, ProducerReport.TopicCounts> out = new TreeMap<>();
        synchronized (perTopic) {
            perTopic.forEach((topic, c) -> out.put(topic, new ProducerReport.TopicCounts(c[0], c[1])));
        }
        return out;
    }

    /** Final counts; {@code failed} includes {@code unconfirmed}. */
    public record Tally(long submitted, long sent, long failed, long unconfirmed, long retried,
                        Map<String, ProducerReport.TopicCounts> perTopic, List<String> errors) {
    }
}
