package dev.streamproc.producer.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.model.kpl.UserRecord;
import dev.streamproc.producer.LocalKinesis;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.ProducerReport;
import dev.streamproc.producer.ProducerRun;
import dev.streamproc.producer.source.SourceStateStore;
import dev.streamproc.producer.synthetic.SyntheticSource;
import dev.streamproc.producer.synthetic.SyntheticTweets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

/** The real path: synthetic tweets → KPL (aggregation on, HTTPS) → kinesis-local → read back and de-aggregate. */
class KplEndToEndTest {

    @TempDir
    static Path work;
    static LocalKinesis kinesis;
    static KinesisProducer kpl;
    static Duration outcomeDeadline;

    @BeforeAll
    static void start() {
        kinesis = new LocalKinesis(work.resolve("kinesis"));
        Map<String, String> env = kinesis.producerEnvironment(work.resolve("kpl"));
        KinesisProducerConfiguration config = KplSettings.fromEnvironment(env, LocalKinesis.CREDENTIALS);
        outcomeDeadline = KplSettings.outcomeDeadline(config);
        kpl = new KinesisProducer(config);
    }

    @AfterAll
    static void stop() {
        if (kpl != null) {
            kpl.destroy();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void everyTweetSentArrivesOnceWithTheExactBytesAndAggregated() {
        int n = 1_500;
        String stream = kinesis.freshStream("kpl-e2e", 2);
        SyntheticTweets tweets = SyntheticTweets.withSeed(7);

        long t0 = System.nanoTime();
        ProducerReport report = new ProducerRun(new SyntheticSource(tweets, n), SourceStateStore.inMemory(),
                new KplSink(kpl, stream, outcomeDeadline)).run(Duration.ofSeconds(60));

        assertThat(report.sent()).isEqualTo(n);
        assertThat(report.failed()).isZero();
        assertThat(report.stateSaved()).isTrue();

        long t1 = System.nanoTime();
        List<Record> kinesisRecords = kinesis.readAll(stream);
        List<UserRecord> userRecords = kinesis.readUserRecords(stream);
        long t2 = System.nanoTime();
        Map<String, OutgoingTweet> sent = tweets.take(n).stream()
                .collect(Collectors.toMap(KplEndToEndTest::identity, Function.identity()));
        assertThat(sent).hasSize(n);
        // Delivery is at-least-once: a KPL retry after a lost response may store a record twice
        // (the consumer's writes are idempotent). Every copy must still carry exactly the sent bytes.
        Set<String> distinct = new HashSet<>();
        for (UserRecord r : userRecords) {
            String id = identity(r.partitionKey(), r.data());
            OutgoingTweet expected = sent.get(id);
            assertThat(expected).as("record %s was sent", id).isNotNull();
            assertThat(Arrays.equals(r.data(), expected.data())).as("bytes of %s", id).isTrue();
            distinct.add(id);
        }
        assertThat(distinct).hasSize(n);
        // Aggregation on: far fewer Kinesis records than tweets.
        assertThat(kinesisRecords.size()).isLessThan(n / 10);
        assertThat(userRecords.stream().filter(UserRecord::aggregated).count()).isGreaterThan(n * 9L / 10);
        System.out.printf("%d tweets -> %d Kinesis records, %d user records read back (%d duplicates);"
                        + " send %d ms, read %d ms%n", n, kinesisRecords.size(), userRecords.size(),
                userRecords.size() - distinct.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    private static String identity(OutgoingTweet t) {
        return identity(t.partitionKey(), t.data());
    }

    /**
     * A tweet is identified by its id (the partition key); a delete notice is keyed by the tweet it
     * deletes, and a tweet may be deleted twice, so notices are told apart by their content.
     */
    private static String identity(String partitionKey, byte[] data) {
        boolean delete = new String(data, 0, Math.min(12, data.length), StandardCharsets.UTF_8).startsWith("{\"delete\"");
        return partitionKey + (delete ? "/delete/" + Arrays.hashCode(data) : "/tweet");
    }

    @Test
    void aRecordTheStreamNeverAcceptsIsRetriedOnceThenReportedAsFailedAndThePositionStays() {
        // A stream that does not exist: every attempt fails until the record's TTL (short here).
        Map<String, String> env = kinesis.producerEnvironment(work.resolve("kpl-short-ttl"));
        KinesisProducerConfiguration config = KplSettings.fromEnvironment(env, LocalKinesis.CREDENTIALS)
                .setRecordTtl(1_500);
        KinesisProducer shortTtl = new KinesisProducer(config);
        try {
            SourceStateStore state = SourceStateStore.inMemory();
            ProducerReport report = new ProducerRun(new SyntheticSource(SyntheticTweets.withSeed(3), 3), state,
                    new KplSink(shortTtl, "no-such-stream", KplSettings.outcomeDeadline(config))).run(Duration.ofSeconds(30));
            assertThat(report.sent()).isZero();
            assertThat(report.failed()).isEqualTo(3);
            assertThat(report.stateSaved()).isFalse();
            assertThat(state.load().asMap()).isEmpty();
            assertThat(report.errors()).anySatisfy(e -> assertThat(e).contains("Expired"));
        } finally {
            shortTtl.destroy();
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFullKplWhoseRecordsExpireFinishesWithAnExactReportInsteadOfDeadlocking() {
        // Issue 13: expired records were retried on the KPL's callback threads, which then waited for
        // capacity that only they could free. A tiny capacity and a 1.5 s TTL make every record expire and
        // every retry meet a full KPL.
        Map<String, String> env = kinesis.producerEnvironment(work.resolve("kpl-full"));
        KinesisProducerConfiguration config = KplSettings.fromEnvironment(env, LocalKinesis.CREDENTIALS)
                .setRecordTtl(1_500);
        KinesisProducer full = new KinesisProducer(config);
        try {
            int n = 30;
            ProducerReport report = new ProducerRun(new SyntheticSource(SyntheticTweets.withSeed(5), n),
                    SourceStateStore.inMemory(), new KplSink(full, "no-such-stream", KplSettings.outcomeDeadline(config), 5))
                    .run(Duration.ofSeconds(90));
            assertThat(report.sent()).isZero();
            assertThat(report.failed()).isEqualTo(n);
            assertThat(report.errors()).noneSatisfy(e -> assertThat(e).contains("unconfirmed"));
        } finally {
            full.destroy();
        }
    }
}
