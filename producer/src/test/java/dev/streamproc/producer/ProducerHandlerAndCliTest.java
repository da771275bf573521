package dev.streamproc.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.cloud.server.SsmServer;
import dev.streamproc.model.kpl.UserRecord;
import dev.streamproc.producer.cli.ProducerCliAccess;
import dev.streamproc.producer.synthetic.SyntheticTweets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The Lambda handler and the CLI, each against real kinesis-local (HTTPS, KPL) and, for the
 * handler, the local Parameter Store holding the source position between invocations.
 */
class ProducerHandlerAndCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static LocalKinesis kinesis;
    static SsmServer ssmServer;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        // what Lambda puts in the environment; the KPL and SDK read them through the default chain
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        kinesis = new LocalKinesis(work.resolve("kinesis"));
        ssmServer = SsmServer.start();
        ssm = SsmClient.builder().endpointOverride(URI.create(ssmServer.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(LocalKinesis.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        if (ssm != null) {
            ssm.close();
            ssmServer.close();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void twoScheduledInvocationsSendConsecutiveSyntheticTweetsAndRememberWhereTheyStopped() {
        String stream = kinesis.freshStream("handler", 2);
        Map<String, String> env = new HashMap<>(kinesis.producerEnvironment(work.resolve("kpl-handler")));
        env.put("STREAM_NAME", stream);
        env.put("TWEET_SOURCE", "synthetic");
        env.put("SYNTHETIC_SEED", "11");
        env.put("SYNTHETIC_TWEETS_PER_INVOCATION", "60");
        env.put("SINCE_ID_PARAMETER", "/streamproc/producer/position");
        ProducerHandler handler = new ProducerHandler(env, ssm);

        // each scheduled run writes current tweets: created_at starts at the event's time
        Instant t1 = Instant.parse("2026-11-23T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-23T10:01:00Z");
        ProducerReport first = handler.handleRequest(scheduledAt(t1), null);
        ProducerReport second = handler.handleRequest(scheduledAt(t2), null);

        assertThat(List.of(first.sent(), second.sent())).containsExactly(60L, 60L);
        assertThat(first.failed() + second.failed()).isZero();
        assertThat(second.stateSaved()).isTrue();
        assertThat(second.perTopic().values().stream().mapToLong(ProducerReport.TopicCounts::sent).sum()).isEqualTo(60);
        assertThat(ssm.getParameter(r -> r.name("/streamproc/producer/position")).parameter().value())
                .isEqualTo("{\"synthetic:11:next\":\"120\"}");
        List<OutgoingTweet> expected = new java.util.ArrayList<>(SyntheticTweets.withSeed(11).startingAt(t1).take(60));
        expected.addAll(SyntheticTweets.withSeed(11).startingAt(t2).continuingAt(60).from(60).limit(60).toList());
        assertThat(payloads(kinesis.readUserRecords(stream))).containsExactlyInAnyOrderElementsOf(payloads(expected));
    }

    @Test
    void theCliSendsTheRequestedCountAndWritesAMachineReadableSummary() throws Exception {
        String stream = kinesis.freshStream("cli", 1);
        Path summaryFile = work.resolve("summary.json");
        Map<String, String> env = new HashMap<>(kinesis.producerEnvironment(work.resolve("kpl-cli")));

        Map<String, Object> summary = ProducerCliAccess.run(env, "--stream", stream, "--source", "synthetic",
                "--count", "400", "--rate", "2000", "--seed", "5", "--summary-json", summaryFile.toString(),
                "--start", SyntheticTweets.DEFAULT_EPOCH.toString());

        assertThat(summary).containsEntry("sent", 400L).containsEntry("failed", 0L);
        JsonNode file = JSON.readTree(summaryFile.toFile());
        assertThat(file.get("sent").asLong()).isEqualTo(400);
        assertThat(file.get("failed").asLong()).isZero();
        assertThat(payloads(kinesis.readUserRecords(stream)))
                .containsExactlyInAnyOrderElementsOf(payloads(SyntheticTweets.withSeed(5).take(400)));
    }

    @Test
    void theCliReplaysAFileAndCountsItsBadLines() throws Exception {
        String stream = kinesis.freshStream("cli-replay", 1);
        Path file = work.resolve("capture.jsonl");
        List<String> lines = SyntheticTweets.withSeed(9).take(30).stream().map(OutgoingTweet::json).toList();
        Files.writeString(file, String.join("\n", lines.subList(0, 10)) + "\nnot json\n"
                + String.join("\n", lines.subList(10, 30)) + "\n");

        Map<String, Object> summary = ProducerCliAccess.run(
                new HashMap<>(kinesis.producerEnvironment(work.resolve("kpl-replay"))),
                "--stream", stream, "--source", "replay:" + file);

        assertThat(summary).containsEntry("sent", 30L).containsEntry("failed", 0L).containsEntry("rejected", 1L);
        assertThat(payloads(kinesis.readUserRecords(stream))).containsExactlyInAnyOrderElementsOf(lines);
    }

    @Test
    void aSourceThatYieldsNoTweetIsNotASuccessAndItsRejectionsAreReported() throws Exception {
        String stream = kinesis.freshStream("cli-empty", 1);
        Path file = work.resolve("unusable.jsonl");
        Files.writeString(file, "not json\n{\"no\":\"id\"}\n");
        Path summaryFile = work.resolve("empty-summary.json");

        Map<String, Object> summary = ProducerCliAccess.run(
                new HashMap<>(kinesis.producerEnvironment(work.resolve("kpl-empty"))),
                "--stream", stream, "--source", "replay:" + file, "--summary-json", summaryFile.toString());

        assertThat(summary).containsEntry("submitted", 0L).containsEntry("sent", 0L).containsEntry("rejected", 2L);
        assertThat(ProducerCliAccess.exitStatus(summary)).isEqualTo(3);
        assertThat(JSON.readTree(summaryFile.toFile()).get("errors").toString())
                .contains("line 1: invalid JSON").contains("the source yielded no tweet: all 2 input items were rejected");
    }

    @Test
    void anInterruptedCliStillAccountsForEverySubmittedRecordAndWritesItsSummary() throws Exception {
        String stream = kinesis.freshStream("cli-interrupted", 1);
        Path summaryFile = work.resolve("interrupted-summary.json");

        Map<String, Object> summary = ProducerCliAccess.runInterruptedAfter(java.time.Duration.ofSeconds(3),
                new HashMap<>(kinesis.producerEnvironment(work.resolve("kpl-interrupted"))),
                "--stream", stream, "--source", "synthetic", "--rate", "100", "--count", "1000000",
                "--summary-json", summaryFile.toString());

        JsonNode file = JSON.readTree(summaryFile.toFile());
        assertThat(file.get("interrupted").asBoolean()).isTrue();
        long submitted = file.get("submitted").asLong();
        assertThat(submitted).isBetween(1L, 999_999L);
        assertThat(file.get("sent").asLong() + file.get("failed").asLong()).isEqualTo(submitted);
        assertThat(summary).containsEntry("failed", 0L);
        // distinct by content: a delete notice shares its partition key with the tweet it deletes
        assertThat(payloads(kinesis.readUserRecords(stream)).stream().distinct().count())
                .isEqualTo(file.get("sent").asLong());
    }

    @Test
    void thePutRecordsHandlerAndTheCliWithPutRecordsWriteTheSameSourcesUnaggregated() {
        String stream = kinesis.freshStream("put-records", 1);
        Map<String, String> env = new HashMap<>(kinesis.producerEnvironment(work.resolve("unused")));
        env.put("STREAM_NAME", stream);
        env.put("TWEET_SOURCE", "synthetic");
        env.put("SYNTHETIC_SEED", "13");
        env.put("SYNTHETIC_TWEETS_PER_INVOCATION", "50");
        Instant t = Instant.parse("2026-11-23T10:00:00Z");

        ProducerReport report = new PutRecordsProducerHandler(env, ssm).handleRequest(scheduledAt(t), null);
        Map<String, Object> summary = ProducerCliAccess.run(env, "--stream", stream, "--producer", "put-records",
                "--source", "synthetic", "--count", "70", "--seed", "14", "--start", t.toString());

        assertThat(report.sent()).isEqualTo(50);
        assertThat(summary).containsEntry("sent", 70L).containsEntry("failed", 0L).containsEntry("producer", "put-records");
        List<UserRecord> stored = kinesis.readUserRecords(stream);
        assertThat(stored).hasSize(120).noneMatch(UserRecord::aggregated);
        List<OutgoingTweet> expected = new java.util.ArrayList<>(SyntheticTweets.withSeed(13).startingAt(t).take(50));
        expected.addAll(SyntheticTweets.withSeed(14).startingAt(t).take(70));
        assertThat(payloads(stored)).containsExactlyInAnyOrderElementsOf(payloads(expected));
    }

    private static ScheduledEvent scheduledAt(Instant time) {
        ScheduledEvent event = new ScheduledEvent();
        event.setTime(new DateTime(time.toEpochMilli(), DateTimeZone.UTC));
        return event;
    }

    private static List<String> payloads(List<?> records) {
        return records.stream().map(r -> r instanceof UserRecord u ? new String(u.data(), java.nio.charset.StandardCharsets.UTF_8)
                : ((OutgoingTweet) r).json()).toList();
    }
}
