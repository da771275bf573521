package dev.streamproc.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.producer.source.SourceIssues;
import dev.streamproc.producer.source.SourceState;
import dev.streamproc.producer.source.SourceStateStore;
import dev.streamproc.producer.source.TweetSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The accounting rules, with a scripted sink standing in for the KPL (the real one is in KplEndToEndTest). */
class TweetPumpTest {

    /** Answers per partition key from a script: "ok", "fail", or "never" (no answer at all). */
    static final class ScriptedSink implements RecordSink {
        final Map<String, List<String>> script = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        int flushes;

        ScriptedSink answer(String key, String... outcomes) {
            script.put(key, new ArrayList<>(List.of(outcomes)));
            return this;
        }

        @Override
        public CompletableFuture<SendOutcome> send(String partitionKey, byte[] data) {
            int attempt = attempts.computeIfAbsent(partitionKey, k -> new AtomicInteger()).getAndIncrement();
            List<String> outcomes = script.getOrDefault(partitionKey, List.of("ok"));
            String outcome = outcomes.get(Math.min(attempt, outcomes.size() - 1));
            return switch (outcome) {
                case "ok" -> CompletableFuture.completedFuture(SendOutcome.sent("shardId-000000000000"));
                case "fail" -> CompletableFuture.completedFuture(SendOutcome.failed("ProvisionedThroughputExceeded: slow down"));
                default -> new CompletableFuture<>();
            };
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public Duration outcomeDeadline() {
            return Duration.ofSeconds(30);
        }
    }

    /**
     * Behaves like the KPL where issue 13's deadlock lived: {@link #send} waits while too many records are
     * outstanding, and outcomes complete on the sink's own two-thread pool, the only threads that free capacity.
     * Every record's first try fails (an expired record), so each one is retried.
     */
    static final class CallbackPoolSink implements RecordSink {
        final ExecutorService callbacks = Executors.newFixedThreadPool(2);
        final AtomicInteger outstanding = new AtomicInteger();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final int capacity;

        CallbackPoolSink(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public CompletableFuture<SendOutcome> send(String partitionKey, byte[] data) {
            while (outstanding.get() >= capacity) { // as KplSink waited before the fix: only for capacity
                sleep(1);
            }
            outstanding.incrementAndGet();
            boolean first = attempts.computeIfAbsent(partitionKey, k -> new AtomicInteger()).getAndIncrement() == 0;
            CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
            callbacks.execute(() -> {
                sleep(1);
                outcome.complete(first ? new SendOutcome(false, null, "Expired: record has reached expiration", 2, 1, true)
                        : SendOutcome.sent("shardId-000000000000"));
                // Capacity comes back only after the callback ran: in the KPL, the results of one PutRecords
                // response queue on the callback pool and each is removed from the outstanding count by its
                // own task, so a callback that blocks keeps every queued result counted.
                outstanding.decrementAndGet();
            });
            return outcome;
        }

        @Override
        public void flush() {
        }

        @Override
        public Duration outcomeDeadline() {
            return Duration.ofSeconds(30);
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static OutgoingTweet tweet(String id, String topic) {
        return new OutgoingTweet(topic, id, ("{\"id_str\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedRecordIsRetriedOnceAndCountsAsSentWhenTheRetryWorks() {
        ScriptedSink sink = new ScriptedSink().answer("2", "fail", "ok");
        TweetPump pump = new TweetPump(sink);
        pump.submit(tweet("1", "a"));
        pump.submit(tweet("2", "a"));

        TweetPump.Tally tally = pump.finish(Duration.ofSeconds(1));

        assertThat(tally.sent()).isEqualTo(2);
        assertThat(tally.failed()).isZero();
        assertThat(tally.retried()).isEqualTo(1);
        assertThat(sink.attempts.get("2").get()).isEqualTo(2);
        assertThat(sink.flushes).isPositive();
    }

    @Test
    void aRecordFailingTwiceIsCountedAsFailedUnderItsTopicWithTheReason() {
        ScriptedSink sink = new ScriptedSink().answer("2", "fail", "fail", "ok");
        TweetPump pump = new TweetPump(sink);
        pump.submit(tweet("1", "a"));
        pump.submit(tweet("2", "b"));
        pump.submit(tweet("3", null));

        TweetPump.Tally tally = pump.finish(Duration.ofSeconds(1));

        assertThat(tally.sent()).isEqualTo(2);
        assertThat(tally.failed()).isEqualTo(1);
        assertThat(sink.attempts.get("2").get()).isEqualTo(2); // one retry, not more
        assertThat(tally.perTopic()).containsEntry("a", new ProducerReport.TopicCounts(1, 0))
                .containsEntry("b", new ProducerReport.TopicCounts(0, 1))
                .containsEntry(OutgoingTweet.NO_TOPIC, new ProducerReport.TopicCounts(1, 0));
        assertThat(tally.errors()).containsExactly("topic b: ProvisionedThroughputExceeded: slow down");
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void retriesNeverRunOnTheSinksCallbackThreadsSoAFullSinkCannotDeadlock() {
        // Issue 13: the retry ran on the KPL's callback thread and blocked there waiting for capacity that
        // only those threads could free; main and every callback thread slept for good.
        CallbackPoolSink sink = new CallbackPoolSink(4);
        TweetPump pump = new TweetPump(sink);
        for (int i = 0; i < 300; i++) {
            pump.submit(tweet(Integer.toString(i), "t"));
        }

        TweetPump.Tally tally = pump.finish(Duration.ofSeconds(20));

        assertThat(tally.sent()).isEqualTo(300);
        assertThat(tally.failed()).isZero();
        assertThat(tally.retried()).isEqualTo(300);
        // each first try failed after a request that may have been stored: the success may be a second copy
        assertThat(tally.possibleDuplicates()).isEqualTo(300);
        sink.callbacks.shutdownNow();
    }

    @Test
    void theAgeOfTheOldestPendingRecordIsReportedUntilItsOutcomeArrives() throws Exception {
        ScriptedSink sink = new ScriptedSink().answer("2", "never");
        TweetPump pump = new TweetPump(sink);
        pump.submit(tweet("1", "a"));
        assertThat(pump.oldestPendingAge()).isZero();
        pump.submit(tweet("2", "a"));
        Thread.sleep(50);

        assertThat(pump.pending()).isEqualTo(1);
        assertThat(pump.oldestPendingAge()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void anOutcomeThatNeverArrivesIsCountedAsFailedWhenTheBoundRunsOut() {
        ScriptedSink sink = new ScriptedSink().answer("2", "never");
        TweetPump pump = new TweetPump(sink);
        pump.submit(tweet("1", "a"));
        pump.submit(tweet("2", "a"));

        long start = System.nanoTime();
        TweetPump.Tally tally = pump.finish(Duration.ofMillis(300));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(tally.sent()).isEqualTo(1);
        assertThat(tally.unconfirmed()).isEqualTo(1);
        assertThat(tally.failed()).isEqualTo(1);
        assertThat(tally.errors()).anySatisfy(e -> assertThat(e).startsWith("1 record(s) unconfirmed"));
    }

    @Test
    void theRunAdvancesTheSourcePositionOnlyWhenNothingFailed() {
        SourceStateStore store = SourceStateStore.inMemory();
        TweetSource source = new TweetSource() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public Iterator<OutgoingTweet> nextBatch(SourceState state) {
                state.put("t", "9");
                return List.of(tweet("1", "t"), tweet("2", "t")).iterator();
            }

            @Override
            public SourceIssues issues() {
                return new SourceIssues(1, false, List.of("line 3: invalid JSON (skipped)"));
            }
        };

        ProducerReport failing = new ProducerRun(source, store, new ScriptedSink().answer("2", "fail"))
                .run(Duration.ofSeconds(1));
        assertThat(failing.stateSaved()).isFalse();
        assertThat(store.load().asMap()).isEmpty();
        assertThat(failing.errors()).contains("line 3: invalid JSON (skipped)")
                .anySatisfy(e -> assertThat(e).contains("not advanced"));
        assertThat(failing.rejected()).isEqualTo(1);

        ProducerReport fine = new ProducerRun(source, store, new ScriptedSink()).run(Duration.ofSeconds(1));
        assertThat(fine.sent()).isEqualTo(2);
        assertThat(fine.stateSaved()).isTrue();
        assertThat(store.load().asMap()).containsEntry("t", "9");
    }
}
