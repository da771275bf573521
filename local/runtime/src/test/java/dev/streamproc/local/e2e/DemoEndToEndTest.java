package dev.streamproc.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.demo.ArchiveCensus;
import dev.streamproc.local.demo.Demo;
import dev.streamproc.local.demo.DemoOptions;
import dev.streamproc.local.demo.DemoQueries;
import dev.streamproc.local.demo.DemoReport;
import dev.streamproc.local.demo.DemoSummary;
import dev.streamproc.local.demo.StreamCensus;
import dev.streamproc.local.query.AthenaDdl;
import dev.streamproc.local.query.LocalAthena;
import dev.streamproc.local.query.QueryResult;
import dev.streamproc.model.AthenaRow;
import dev.streamproc.model.EventDataItem;
import dev.streamproc.model.RecordLineage;
import dev.streamproc.model.Tweet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo, end to end, on the real stack: ~2,000 synthetic tweets from the producer CLI (KPL, aggregated), plus
 * malformed records and notices put with PutRecord, through the real consumer and transformer jars under the
 * local Lambda runtime. What lands is compared with what the model makes of the regenerated tweets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEndToEndTest {

    static final long SEED = 7;
    static final int TWEETS = 2_000;
    static final int MALFORMED = 5;
    static final int NOTICES = 3;

    /** One directory for the whole class (a {@code @TempDir} field may be injected anew per test method). */
    Path dataDir;

    Demo demo;
    DemoReport report;
    ExpectedTweets expected;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    void runTheDemo() throws Exception {
        dataDir = Files.createTempDirectory("streamproc-e2e");
        DemoOptions options = DemoOptions.builder().tweets(TWEETS).rate(0).seed(SEED)
                .malformed(MALFORMED).notices(NOTICES).dataDir(dataDir).build();
        expected = ExpectedTweets.of(SEED, options.start(), TWEETS);
        demo = new Demo(options, new PrintStream(console, true, StandardCharsets.UTF_8));
        demo.start();
        demo.produce();
        report = demo.drain();
        DemoSummary.print(report, new PrintStream(console, true, StandardCharsets.UTF_8));
        System.out.println(console.toString(StandardCharsets.UTF_8));
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
        TempFiles.delete(dataDir);
    }

    /** How many times a tweet's record is on the stream (1, or more when a producer retry put it again). */
    long copies(Tweet tweet) {
        String content = ExpectedTweets.content(expected.recordOfTweet().get(tweet.id()));
        return demo.census().userRecords().stream().filter(r -> r.content().equals(content)).count();
    }

    /** How many times each kind of record is on the stream (a producer retry may have put one twice). */
    Map<String, Long> onTheStream() {
        java.util.Set<String> malformed = demo.injected().stream().filter(p -> p.kind().equals("malformed"))
                .map(p -> p.partitionKey()).collect(Collectors.toSet());
        java.util.Set<String> sentTweets = expected.recordOfTweet().values().stream().map(ExpectedTweets::content)
                .collect(Collectors.toSet());
        Map<String, Long> kinds = new TreeMap<>();
        for (StreamCensus.UserRecord r : demo.census().userRecords()) {
            String kind = sentTweets.contains(r.content()) ? "tweet" : malformed.contains(r.partitionKey()) ? "malformed" : "notice";
            kinds.merge(kind, 1L, Long::sum);
        }
        return kinds;
    }

    @Test
    void everyRecordIsAccountedForOnBothPaths() {
        var a = report.accounting();
        Map<String, Long> kinds = onTheStream();

        assertThat(a.problems()).isEmpty();
        assertThat(a.produced()).isEqualTo(TWEETS + MALFORMED + NOTICES);
        assertThat(a.distinctRecords()).isEqualTo(a.produced());
        assertThat(kinds.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(a.userRecords());
        assertThat(a.kinesisRecords()).as("KPL aggregation packs many tweets per Kinesis record").isLessThan(a.userRecords() / 2);
        assertThat(a.eventDataItems()).isEqualTo(expected.tweets().size());
        assertThat(a.itemRecords()).isEqualTo(kinds.get("tweet"));
        assertThat(a.consumerSkipped()).isEqualTo(kinds.get("notice"));
        assertThat(a.consumerRejected()).isEqualTo(kinds.get("malformed"));
        assertThat(a.consumerOnFailure()).isZero();
        assertThat(a.s3OkRows()).isEqualTo(kinds.get("tweet"));
        assertThat(a.dropped()).isEqualTo(kinds.get("notice"));
        assertThat(a.processingFailed()).isEqualTo(kinds.get("malformed"));
        assertThat(report.closes()).isTrue();
    }

    @Test
    void eventDataHoldsExactlyWhatTheModelMapsFromTheProducedTweets() {
        Map<String, List<StreamCensus.UserRecord>> copiesByContent = demo.census().userRecords().stream()
                .collect(Collectors.groupingBy(StreamCensus.UserRecord::content));
        Map<String, Map<String, Object>> actual = new HashMap<>();
        for (Map<String, Object> item : DynamoItems.scanAll(demo.pipeline().cloud().dynamoDbClient(), demo.tableName())) {
            actual.put(item.get("Username") + "/" + item.get("Id"), item);
        }

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(
                expected.tweets().stream().map(t -> t.username() + "/" + t.id()).toList());
        for (Tweet tweet : expected.tweets()) {
            Map<String, Object> item = actual.get(tweet.username() + "/" + tweet.id());
            List<StreamCensus.UserRecord> copies = copiesByContent.get(ExpectedTweets.content(expected.recordOfTweet().get(tweet.id())));
            // The item's lineage is the copy on the stream that wrote it last (a duplicate overwrites its item).
            StreamCensus.UserRecord writer = copies.stream()
                    .filter(c -> c.sequenceNumber().equals(item.get("SequenceNumber")) && c.subSequenceNumber() == (Long) item.get("SubSequenceNumber"))
                    .findFirst().orElseThrow(() -> new AssertionError("lineage of " + item + " is none of its record's positions " + copies));
            assertThat(item).as(tweet.id()).isEqualTo(EventDataItem.from(tweet,
                    new RecordLineage(writer.shardId(), writer.sequenceNumber(), writer.subSequenceNumber())).attributes());
        }
        assertThat(actual.values()).as("non-Latin scripts and emoji arrive byte-exact")
                .anySatisfy(item -> assertThat((String) item.get("Message")).containsPattern("\\p{IsHan}|\\p{IsHiragana}|\\p{IsKatakana}"))
                .anySatisfy(item -> assertThat((String) item.get("Message")).containsPattern("\\p{IsArabic}"))
                .anySatisfy(item -> assertThat((String) item.get("Message")).containsPattern("\\p{IsDevanagari}"))
                .anySatisfy(item -> assertThat((String) item.get("Message")).containsPattern("[\\x{1F300}-\\x{1FAFF}]"));
    }

    @Test
    void s3LinesAreExactlyTheTransformersRows() {
        Map<String, Long> contentCopies = demo.census().userRecords().stream()
                .collect(Collectors.groupingBy(StreamCensus.UserRecord::content, Collectors.counting()));
        List<String> wanted = new ArrayList<>();
        for (Tweet t : expected.tweets()) {
            String row = new String(AthenaRow.toJsonLine(t), StandardCharsets.UTF_8).stripTrailing();
            long copies = contentCopies.getOrDefault(ExpectedTweets.content(expected.recordOfTweet().get(t.id())), 0L);
            for (int i = 0; i < copies; i++) {
                wanted.add(row); // a duplicate on the stream is archived again, as Firehose does
            }
        }
        List<String> actual = demo.archive().rows().stream().map(line -> new String(line.bytes(), StandardCharsets.UTF_8)).toList();

        assertThat(actual).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(demo.archive().rows()).allSatisfy(row -> assertThat(row.object().toString()).matches(".*/tweets/\\d{4}/\\d{2}/\\d{2}/\\d{2}/[^/]+\\.gz"));
    }

    @Test
    void malformedRecordsLandUnderTheErrorPrefixWithTheirBytes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> raw = new ArrayList<>();
        for (ArchiveCensus.Line line : demo.archive().failed()) {
            JsonNode failure = json.readTree(line.bytes());
            assertThat(failure.path("errorCode").asText()).isNotBlank();
            assertThat(failure.path("attemptsMade").asInt()).isPositive();
            assertThat(failure.path("lambdaArn").asText()).contains("FirehoseTransformerFunction");
            raw.add(Base64.getEncoder().encodeToString(Base64.getDecoder().decode(failure.path("rawData").asText())));
        }
        List<String> injected = demo.injected().stream().filter(p -> p.kind().equals("malformed"))
                .map(p -> Base64.getEncoder().encodeToString(p.data())).toList();

        assertThat(raw).hasSize((int) (long) onTheStream().get("malformed"));
        assertThat(new java.util.HashSet<>(raw)).containsExactlyInAnyOrderElementsOf(new java.util.HashSet<>(injected));
        assertThat(demo.archive().failed()).allSatisfy(l -> assertThat(l.object().toString()).contains("/errors/processing-failed/"));
    }

    @Test
    void localQueriesReturnWhatTheDataImplies() throws Exception {
        Path athena = RepoRoot.find().resolve("athena");
        try (LocalAthena local = LocalAthena.open(AthenaDdl.readDirectory(athena.resolve("ddl")), demo.pipeline().cloud().s3Dir())) {
            Map<String, Long> perTopic = new TreeMap<>();
            Map<String, Long> contentCopies = demo.census().userRecords().stream()
                    .collect(Collectors.groupingBy(StreamCensus.UserRecord::content, Collectors.counting()));
            Map<String, Long> copies = new HashMap<>();
            expected.tweets().forEach(t -> copies.put(t.id(), contentCopies.getOrDefault(ExpectedTweets.content(expected.recordOfTweet().get(t.id())), 0L)));
            expected.tweets().forEach(t -> perTopic.merge(String.valueOf(t.topic()), copies.get(t.id()), Long::sum));
            QueryResult topics = local.query("SELECT coalesce(topic, 'null') AS topic, count(*) AS n FROM tweets GROUP BY 1 ORDER BY 1");
            assertThat(topics.rows().stream().collect(Collectors.toMap(r -> (String) r.get(0), r -> (Long) r.get(1))))
                    .isEqualTo(perTopic);

            Map<String, Long> hashtags = new HashMap<>();
            expected.tweets().forEach(t -> t.hashtags().forEach(h -> hashtags.merge(h, copies.get(t.id()), Long::sum)));
            QueryResult tags = local.query("SELECT tag, count(*) FROM tweets CROSS JOIN UNNEST(hashtags) AS t(tag) GROUP BY tag");
            assertThat(tags.rows().stream().collect(Collectors.toMap(r -> (String) r.get(0), r -> (Long) r.get(1)))).isEqualTo(hashtags);

            QueryResult failed = local.query("SELECT count(*) FROM tweets_failed");
            assertThat(failed.rows()).containsExactly(List.of(onTheStream().get("malformed")));
        }

        Tweet japanese = expected.tweets().stream().filter(t -> t.lang().equals("ja")).findFirst().orElseThrow();
        Map<String, QueryResult> named = DemoQueries.run(athena, demo.pipeline().cloud().s3Dir(), japanese.id(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(named.values()).as("every athena/queries file runs").doesNotContainNull();
        assertThat(named.get("tweet_by_id.sql").rows()).hasSize((int) copies(japanese))
                .allSatisfy(row -> assertThat(row.get(5)).isEqualTo(japanese.text()));
        long fresh = expected.tweets().stream().filter(t -> t.createdAt().isAfter(Instant.now().minus(24, ChronoUnit.HOURS)))
                .mapToLong(this::copies).sum();
        long counted = named.get("language_mix.sql").rows().stream().mapToLong(r -> (Long) r.get(1)).sum();
        assertThat(counted).as("the 24-hour window holds the tweets created in the last 24 hours").isEqualTo(fresh);
        assertThat(named.get("failed_records_by_error_code.sql").rows().stream().mapToLong(r -> (Long) r.get(1)).sum())
                .isEqualTo(onTheStream().get("malformed"));
    }

    @Test
    void theSummaryJsonCarriesTheFigures() {
        Map<String, Object> json = DemoSummary.json(report);

        assertThat(json).containsKeys("produced", "kinesis_records", "eventdata_items", "s3_ok_rows", "dropped", "processing_failed",
                "consumer_rejected", "elapsed_s", "end_to_end_latency_ms");
        assertThat(json.get("produced")).isEqualTo((long) TWEETS + MALFORMED + NOTICES);
        assertThat(json.get("duplicates")).isEqualTo(report.accounting().duplicates());
        assertThat(report.eventDataLatency().count()).isEqualTo(expected.tweets().size());
        assertThat(report.eventDataLatency().p50()).isPositive().isLessThanOrEqualTo(report.eventDataLatency().p99());
    }


}
