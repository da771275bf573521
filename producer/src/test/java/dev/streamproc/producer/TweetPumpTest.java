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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

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
        public void flush(Duration bound) {
            flushes++;
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
