package dev.streamproc.local.firehose;

import static dev.streamproc.local.firehose.TransformerFunction.answer;
import static dev.streamproc.local.firehose.TransformerFunction.ok;
import static dev.streamproc.local.firehose.TransformerFunction.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.esm.StreamTestServers;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.KinesisStreamSource;
import dev.streamproc.model.kpl.KplAggregateEncoder;
import dev.streamproc.model.kpl.UserRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Firehose delivery against real kinesis-mock and s3proxy, with small in-test processor functions. */
class FirehoseDeliveryTest {

    private static final String LAMBDA_ARN = "arn:aws:lambda:us-east-1:000000000000:function:transformer:live";
    private static final String PREFIX = "tweets/!{timestamp:yyyy/MM/dd/HH}/";
    private static final String ERROR_PREFIX = "errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH}/";
    private static final Duration LONG = Duration.ofSeconds(300);

    private final StreamTestServers servers = StreamTestServers.get();
    private final List<FirehoseDelivery> started = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        started.forEach(FirehoseDelivery::close);
    }

    private FirehoseSettings settings(String stream, String bucket, boolean gzip) {
        return FirehoseSettings.builder(StreamTestServers.unique("delivery"), "us-east-1", "000000000000", stream, bucket)
                .arn("arn:aws:firehose:us-east-1:000000000000:deliverystream/d")
                .prefix(PREFIX).errorOutputPrefix(ERROR_PREFIX).gzip(gzip).lambdaArn(LAMBDA_ARN).numberOfRetries(3)
                .buffers(FirehoseSettings.MB, LONG, 5 * FirehoseSettings.MB, LONG)
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(20))
                .build();
    }

    private FirehoseDelivery start(FirehoseSettings settings, LambdaInvoker function) {
        FirehoseDelivery delivery = new FirehoseDelivery(settings, new KinesisStreamSource(servers.kinesis, settings.sourceStreamArn()),
                function, servers.s3, dataDir);
        started.add(delivery.start());
        return delivery;
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }

    private static void awaitIn(FirehoseDelivery delivery, long records) {
        await(records + " records taken in", () -> delivery.metrics().recordsIn() >= records);
    }

    private static void awaitSettled(FirehoseDelivery delivery, long records) {
        await(records + " records settled", () -> {
            var m = delivery.metrics();
            return m.recordsIn() >= records && m.inFlight() == 0;
        });
    }

    private List<S3Object> objects(String bucket, String prefix) {
        return servers.s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents();
    }

    private String read(String bucket, String key) {
        byte[] bytes = servers.s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        if (key.endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private List<String> lines(String bucket, String prefix) {
        List<String> lines = new ArrayList<>();
        objects(bucket, prefix).forEach(o -> lines.addAll(read(bucket, o.key()).lines().toList()));
        return lines;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode invalidData(String recordId) {
        com.fasterxml.jackson.databind.node.ObjectNode r = result(recordId, "Ok");
        r.put("data", "not base64 §");
        return r;
    }

    private static UserRecord user(String key, String data) {
        return new UserRecord(key, null, 0, data.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void deAggregatesKplRecordsCallsTheProcessorWithTheFirehoseEventAndWritesGzipRowsUnderTheEvaluatedPrefix() {
        String stream = servers.freshStream("fh-deagg", 1);
        String bucket = servers.freshBucket("fh-deagg");
        String seq1 = servers.putBytes(stream, "outer-1", KplAggregateEncoder.encode(List.of(user("a", "one"), user("b", "two"), user("c", "three"))));
        String seq2 = servers.putBytes(stream, "plain-key", "four".getBytes(StandardCharsets.UTF_8));
        String seq3 = servers.putBytes(stream, "outer-2", KplAggregateEncoder.encode(List.of(user("d", "five"), user("e", "six"))));
        TransformerFunction function = TransformerFunction.upperCasing();
        FirehoseSettings settings = settings(stream, bucket, true);

        FirehoseDelivery delivery = start(settings, function);
        awaitIn(delivery, 6);
        delivery.flushNow();
        awaitSettled(delivery, 6);

        assertThat(function.allData()).containsExactly("one", "two", "three", "four", "five", "six");
        JsonNode event = function.events.get(0);
        assertThat(event.get("invocationId").asText()).isNotBlank();
        assertThat(event.get("deliveryStreamArn").asText()).isEqualTo(settings.arn());
        assertThat(event.get("sourceKinesisStreamArn").asText()).isEqualTo(stream);
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        JsonNode second = function.batches.get(0).get(1).raw();
        assertThat(second.get("approximateArrivalTimestamp").asLong()).isBetween(Instant.now().minusSeconds(60).toEpochMilli(),
                Instant.now().toEpochMilli());
        JsonNode metadata = second.get("kinesisRecordMetadata");
        assertThat(metadata.get("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(metadata.get("partitionKey").asText()).isEqualTo("b");
        assertThat(metadata.get("sequenceNumber").asText()).isEqualTo(seq1);
        assertThat(metadata.get("subsequenceNumber").asLong()).isEqualTo(1);
        assertThat(metadata.get("approximateArrivalTimestamp").asLong()).isEqualTo(second.get("approximateArrivalTimestamp").asLong());
        assertThat(function.batches.get(0).get(3).raw().at("/kinesisRecordMetadata/partitionKey").asText()).isEqualTo("plain-key");
        assertThat(new HashSet<>(function.batches.get(0).stream().map(TransformerFunction.In::recordId).toList())).hasSize(6);

        List<S3Object> objects = objects(bucket, "tweets/");
        assertThat(objects).hasSize(1);
        String hour = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC).format(Instant.now());
        assertThat(objects.get(0).key()).matches("tweets/" + hour.substring(0, 10) + "/\\d\\d/" + settings.name()
                + "-1-\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d-[0-9a-f-]{36}\\.gz");
        assertThat(read(bucket, objects.get(0).key())).isEqualTo("ONE\nTWO\nTHREE\nFOUR\nFIVE\nSIX\n");
        assertThat(delivery.metrics().kinesisRecordsIn()).isEqualTo(3);
        assertThat(delivery.metrics().okRecords()).isEqualTo(6);
        assertThat(delivery.metrics().objectsWritten()).isEqualTo(1);
        assertThat(delivery.checkpoints().read("shardId-000000000000")).contains(seq3);
        assertThat(seq2).isNotNull();
    }

    @Test
    void holdsTheProcessorToItsContractRecordByRecord() throws IOException {
        String stream = servers.freshStream("fh-contract", 1);
        String bucket = servers.freshBucket("fh-contract");
        servers.put(stream, IntStream.range(0, 7).mapToObj(i -> new String[] {"k", "r" + i}).toList());
        TransformerFunction function = new TransformerFunction((records, n) -> {
            List<String> ids = records.stream().map(TransformerFunction.In::recordId).toList();
            return answer(List.of(ok(ids.get(0), "kept\n"), result(ids.get(1), "Dropped"), result(ids.get(2), "ProcessingFailed"),
                    /* r3 missing */ ok(ids.get(4), "dup-1\n"), ok(ids.get(4), "dup-2\n"), result(ids.get(5), "OK"),
                    invalidData(ids.get(6)), ok("not-a-record-of-this-batch", "x\n")));
        });
        FirehoseSettings settings = settings(stream, bucket, false);

        FirehoseDelivery delivery = start(settings, function);
        awaitIn(delivery, 7);
        delivery.flushNow();
        awaitSettled(delivery, 7);

        assertThat(lines(bucket, "tweets/")).containsExactly("kept");
        List<String> errors = lines(bucket, "errors/processing-failed/");
        assertThat(errors).hasSize(5);
        List<JsonNode> failed = new ArrayList<>();
        for (String line : errors) {
            failed.add(TransformerFunction.JSON.readTree(line));
        }
        assertThat(failed).extracting(f -> new String(Base64.getDecoder().decode(f.get("rawData").asText()), StandardCharsets.UTF_8) + "="
                + f.get("errorCode").asText()).containsExactly("r2=Lambda.ProcessingFailedStatus", "r3=Lambda.MissingRecordId",
                "r4=Lambda.DuplicatedRecordId", "r5=Lambda.JsonProcessingException", "r6=Lambda.JsonProcessingException");
        JsonNode first = failed.get(0);
        assertThat(first.get("attemptsMade").asInt()).isEqualTo(1);
        assertThat(first.get("errorMessage").asText()).isNotBlank();
        assertThat(first.get("lambdaArn").asText()).isEqualTo(LAMBDA_ARN);
        assertThat(first.get("arrivalTimestamp").asLong()).isLessThanOrEqualTo(first.get("attemptEndingTimestamp").asLong());
        var m = delivery.metrics();
        assertThat(m.okRecords()).isEqualTo(1);
        assertThat(m.droppedRecords()).isEqualTo(1);
        assertThat(m.processingFailed()).isEqualTo(5);
        assertThat(m.okRecords() + m.droppedRecords() + m.processingFailed()).isEqualTo(m.recordsIn());
        assertThat(function.batches).hasSize(1);
    }

    @Test
    void aFailingInvocationIsRetriedNumberOfRetriesTimesThenEveryRecordGoesToTheErrorPrefix() throws IOException {
        String stream = servers.freshStream("fh-retry", 1);
        String bucket = servers.freshBucket("fh-retry");
        servers.put(stream, List.<String[]>of(new String[] {"k", "a"}, new String[] {"k", "b"}));
        TransformerFunction function = new TransformerFunction((records, n) ->
                InvocationResult.error("RuntimeException", "boom", Duration.ofMillis(1)));

        FirehoseDelivery delivery = start(settings(stream, bucket, true), function);
        awaitIn(delivery, 2);
        delivery.flushNow();
        awaitSettled(delivery, 2);

        assertThat(function.batches).hasSize(4);
        assertThat(function.events.stream().map(e -> e.get("invocationId").asText()).distinct()).hasSize(4);
        assertThat(objects(bucket, "tweets/")).isEmpty();
        List<S3Object> errorObjects = objects(bucket, "errors/processing-failed/");
        assertThat(errorObjects).singleElement().satisfies(o -> assertThat(o.key()).endsWith(".gz"));
        List<String> lines = lines(bucket, "errors/processing-failed/");
        assertThat(lines).hasSize(2);
        JsonNode line = TransformerFunction.JSON.readTree(lines.get(0));
        assertThat(line.get("attemptsMade").asInt()).isEqualTo(4);
        assertThat(line.get("errorCode").asText()).isEqualTo("Lambda.FunctionError");
        assertThat(line.get("rawData").asText()).isEqualTo(Base64.getEncoder().encodeToString("a".getBytes(StandardCharsets.UTF_8)));
        assertThat(delivery.metrics().processingFailed()).isEqualTo(2);
        assertThat(delivery.metrics().invocations()).isEqualTo(4);
    }

    @Test
    void aTimedOutOrUnreadableAnswerCountsAsAFailedInvocation() throws IOException {
        String stream = servers.freshStream("fh-timeout", 1);
        String bucket = servers.freshBucket("fh-timeout");
        servers.put(stream, List.<String[]>of(new String[] {"k", "a"}));
        TransformerFunction function = new TransformerFunction((records, n) -> switch (n) {
            case 0 -> InvocationResult.timeout(Duration.ofSeconds(60));
            case 1 -> InvocationResult.success("not json".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(1));
            default -> answer(List.of(ok(records.get(0).recordId(), "fine\n")));
        });

        FirehoseDelivery delivery = start(settings(stream, bucket, false), function);
        awaitIn(delivery, 1);
        delivery.flushNow();
        awaitSettled(delivery, 1);

        assertThat(function.batches).hasSize(3);
        assertThat(lines(bucket, "tweets/")).containsExactly("fine");
    }

    @Test
    void theProcessorBufferInvokesOnceItHoldsBufferSizeAndAfterBufferInterval() {
        String stream = servers.freshStream("fh-pbuf", 1);
        String bucket = servers.freshBucket("fh-pbuf");
        String payload = "x".repeat(300);
        servers.put(stream, IntStream.range(0, 10).mapToObj(i -> new String[] {"k", payload}).toList());
        TransformerFunction function = TransformerFunction.upperCasing();
        FirehoseSettings settings = settings(stream, bucket, false).toBuilder()
                .buffers(1000, Duration.ofMillis(400), 5 * FirehoseSettings.MB, LONG).build();

        FirehoseDelivery delivery = start(settings, function);
        await("all records processed", () -> function.allData().size() == 10);

        // 300-byte records: the buffer is full at the 4th (1,200 ≥ 1,000), the last two go after the interval.
        assertThat(function.batches.stream().map(List::size).toList()).containsExactly(4, 4, 2);
        assertThat(objects(bucket, "tweets/")).isEmpty();
        assertThat(delivery.metrics().inFlight()).isEqualTo(10);
        // DeliveryToS3.DataFreshness: the oldest record not yet in S3 is one of these (arrived in the stream just now)
        assertThat(delivery.liveMetrics().oldestPendingMillis()).isPositive().isLessThanOrEqualTo(System.currentTimeMillis());
        assertThat(delivery.liveMetrics().s3PutAttempts()).isZero();
    }

    @Test
    void s3ObjectsAreWrittenAtTheSizeHintAndAtTheIntervalHint() {
        String stream = servers.freshStream("fh-s3buf", 1);
        String bucket = servers.freshBucket("fh-s3buf");
        servers.put(stream, IntStream.range(0, 10).mapToObj(i -> new String[] {"k", "y".repeat(99)}).toList());
        TransformerFunction function = TransformerFunction.upperCasing();
        FirehoseSettings settings = settings(stream, bucket, false).toBuilder()
                .buffers(150, Duration.ofMillis(100), 250, Duration.ofMillis(800)).build();

        FirehoseDelivery delivery = start(settings, function);
        awaitSettled(delivery, 10);

        // 100-byte rows come two per processor batch: 400 bytes pass the 250-byte hint twice, the last 200 go at the interval.
        List<S3Object> objects = objects(bucket, "tweets/");
        assertThat(objects).extracting(S3Object::size).containsExactlyInAnyOrder(400L, 400L, 200L);
        assertThat(lines(bucket, "tweets/")).hasSize(10);
        assertThat(delivery.metrics().objectsWritten()).isEqualTo(3);
        // DeliveryToS3.Success counts each S3 put; nothing is left waiting for S3
        assertThat(delivery.liveMetrics().s3PutAttempts()).isEqualTo(3);
        assertThat(delivery.liveMetrics().s3PutSuccesses()).isEqualTo(3);
        assertThat(delivery.liveMetrics().oldestPendingMillis()).isZero();
    }

    @Test
    void closingFlushesEverythingBufferedAndARestartResumesAfterTheCheckpoint() {
        String stream = servers.freshStream("fh-restart", 1);
        String bucket = servers.freshBucket("fh-restart");
        servers.put(stream, IntStream.range(0, 5).mapToObj(i -> new String[] {"k", "first" + i}).toList());
        TransformerFunction function = TransformerFunction.upperCasing();
        FirehoseSettings settings = settings(stream, bucket, true);

        FirehoseDelivery delivery = start(settings, function);
        awaitIn(delivery, 5);
        delivery.close();

        assertThat(lines(bucket, "tweets/")).containsExactly("FIRST0", "FIRST1", "FIRST2", "FIRST3", "FIRST4");
        assertThat(delivery.checkpoints().read("shardId-000000000000")).isPresent();

        servers.put(stream, IntStream.range(0, 2).mapToObj(i -> new String[] {"k", "second" + i}).toList());
        FirehoseDelivery resumed = start(settings, function);
        awaitIn(resumed, 2);
        resumed.close();

        assertThat(lines(bucket, "tweets/")).hasSize(7).containsOnlyOnce("FIRST0", "SECOND0", "SECOND1");
        assertThat(resumed.metrics().recordsIn()).isEqualTo(2);
    }

    @Test
    void aPrefixWithoutExpressionsGetsTheDefaultHourFolders() {
        String stream = servers.freshStream("fh-plain", 1);
        String bucket = servers.freshBucket("fh-plain");
        servers.put(stream, List.<String[]>of(new String[] {"k", "a"}));
        FirehoseSettings s = settings(stream, bucket, false);
        FirehoseSettings settings = s.toBuilder().prefix("archive/").errorOutputPrefix(null).gzip(false).lambdaArn(null).build();

        FirehoseDelivery delivery = start(settings, null);
        awaitIn(delivery, 1);
        delivery.close();

        List<S3Object> objects = objects(bucket, "archive/");
        assertThat(objects).singleElement().satisfies(o -> assertThat(o.key()).matches("archive/\\d{4}/\\d\\d/\\d\\d/\\d\\d/"
                + settings.name() + "-1-.*"));
        assertThat(lines(bucket, "archive/")).containsExactly("a");
    }

    @Test
    void readsTheDeliveryStreamOfTheProjectTemplate() {
        Template template = Template.load(RepoRoot.find().resolve("template.yaml"));
        Template.Resource resource = template.resource("DeliveryStream");

        FirehoseSettings settings = FirehoseSettings.fromResource("streamproc-DeliveryStream", template.region(), template.accountId(),
                resource.properties());

        assertThat(settings.sourceStreamArn()).isEqualTo(template.arn("TweetStream"));
        assertThat(settings.prefix()).isEqualTo(PREFIX);
        assertThat(settings.errorOutputPrefix()).isEqualTo(ERROR_PREFIX);
        assertThat(settings.gzip()).isTrue();
        assertThat(settings.hasProcessor()).isTrue();
        assertThat(settings.lambdaArn()).contains("function:");
        assertThat(settings.numberOfRetries()).isEqualTo(3);
        assertThat(settings.processorBufferBytes()).isEqualTo(3 * FirehoseSettings.MB);
        assertThat(settings.processorBufferInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.bucket()).isEqualTo(template.physicalName("ArchiveBucket"));
        assertThat(settings.s3BufferBytes()).isPositive();
        assertThat(Map.of("arn", settings.arn())).containsValue("arn:aws:firehose:us-east-1:" + template.accountId()
                + ":deliverystream/streamproc-DeliveryStream");
    }
}
