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
