package dev.streamproc.local.esm;

import static dev.streamproc.local.esm.RecordingFunction.error;
import static dev.streamproc.local.esm.RecordingFunction.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.stream.KinesisStreamSource;
import dev.streamproc.local.esm.RecordingFunction.Rec;
import dev.streamproc.local.lambda.LambdaInvoker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Kinesis event source mapping against AWS's recorded behaviour. Each case encodes one scenario of LocalStack's
 * {@code tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_kinesis.snapshot.json} (recorded
 * against real AWS, listed in the matching {@code .validation.json}), named in its comment. Real kinesis-mock,
 * ElasticMQ and s3proxy; the function is a recording stand-in that answers as the scenario's handler did.
 * Record ages are seconds here where AWS's minimum is 60: the rule is the same.
 */
@Timeout(120)
class KinesisConformanceTest {

    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:conformance-fn";
    private static final String MILLIS_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private final StreamTestServers servers = StreamTestServers.get();
    private final List<String> streams = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A fresh stream, deleted after the test. */
    private String fresh(String base, int shards) {
        String arn = servers.freshStream(base, shards);
        streams.add(arn);
        return arn;
    }
    private final List<EventSourceMapping> started = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void stopMappings() {
        started.forEach(m -> m.stop(2000));
        streams.forEach(servers::deleteStream);
    }

    private EsmSettings.Builder settings(String streamArn) {
        return EsmSettings.builder("ConformanceFunction", FUNCTION_ARN, streamArn)
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(20));
    }

    private EventSourceMapping start(EsmSettings.Builder builder, LambdaInvoker function) {
        return start(builder, function, RecordFilter.NONE);
    }

    private EventSourceMapping start(EsmSettings.Builder builder, LambdaInvoker function, RecordFilter filter) {
        EsmSettings settings = builder.build();
        FailureDestination destination = FailureDestinations.of(settings.onFailureDestination(), servers.sqs, servers.s3,
                MappingUuid.of(settings.functionArn(), settings.streamArn()));
        EventSourceMapping mapping = new EventSourceMapping(settings, new KinesisStreamSource(servers.kinesis, settings.streamArn()),
                new KinesisEventFormat(settings.streamArn(), settings.region(), "arn:aws:iam::000000000000:role/conformance-role"),
                function, destination, dataDir.resolve(MappingUuid.of(settings.functionArn(), settings.streamArn())), filter);
        started.add(mapping.start());
        return mapping;
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            StreamTestServers.sleep(20);
        }
    }

    private static void awaitHandled(EventSourceMapping mapping, long records) {
        await(records + " records handled", () -> {
            var m = mapping.metrics();
            return m.recordsDelivered() + m.recordsDiscarded() + m.recordsFiltered() >= records && m.recordsBehind() == 0;
        });
    }

    private JsonNode onlyFailureRecord(String queue) throws IOException {
        var messages = servers.drainQueue(queue, 1, Duration.ofSeconds(10));
        assertThat(messages).hasSize(1);
        return RecordingFunction.JSON.readTree(messages.get(0).body());
    }

    // test_kinesis_report_batch_item_success_scenarios[empty_string_success | empty_list_success | null_success |
    // empty_dict_success | empty_batch_item_failure_success | null_batch_item_failure_success]: one invocation each.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"\"", "[]", "null", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}"})
    void aSuccessResponseIsOneInvocation(String response) {
        String stream = fresh("conf-success", 1);
        String seq = servers.put(stream, List.<String[]>of(new String[] {"test", "hello"})).get(0);
        RecordingFunction function = new RecordingFunction((batch, n) -> ok(response));

        EventSourceMapping mapping = start(settings(stream).batchSize(1).reportBatchItemFailures(true).maximumRetryAttempts(2).maximumRecordAgeSeconds(-1),
                function);
        awaitHandled(mapping, 1);
        StreamTestServers.sleep(300);

        assertThat(function.batches).hasSize(1);
        assertThat(mapping.metrics().retries()).isZero();
        assertThat(mapping.checkpoints().read("shardId-000000000000")).contains(seq);
    }

    // test_kinesis_report_batch_item_failure_scenarios[item_identifier_not_present_failure |
    // empty_string_item_identifier_failure | null_item_identifier_failure | invalid_key_foo_failure |
    // invalid_key_foo_null_value_failure]: 3 invocations, then RetryAttemptsExhausted with approximateInvokeCount 3 and
    // "functionError": null (the key present).
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"batchItemFailures\":[{\"itemIdentifier\":123}]}", "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", "{\"batchItemFailures\":[{\"foo\":123}]}",
            "{\"batchItemFailures\":[{\"foo\":null}]}"})
    void anInvalidItemFailureResponseFailsTheBatchWithANullFunctionError(String response) throws IOException {
        String stream = fresh("conf-invalid", 1);
        String queue = servers.freshQueue("conf-invalid-dlq");
        servers.put(stream, List.<String[]>of(new String[] {"test", "hello"}));
        RecordingFunction function = new RecordingFunction((batch, n) -> ok(response));

        EventSourceMapping mapping = start(settings(stream).batchSize(1).reportBatchItemFailures(true).maximumRetryAttempts(2).maximumRecordAgeSeconds(-1)
                .onFailureDestination(queue), function);
        awaitHandled(mapping, 1);

        JsonNode failure = onlyFailureRecord(queue);
        assertThat(function.batches).hasSize(3);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(failure.at("/requestContext/requestId").asText()).isEqualTo(function.requestIds.get(2));
        assertThat(failure.get("responseContext").has("functionError")).isTrue();
        assertThat(failure.at("/responseContext/functionError").isNull()).isTrue();
        assertThat(failure.at("/responseContext/statusCode").asInt()).isEqualTo(200);
    }

    // test_kinesis_report_batch_item_failure_scenarios[unhandled_exception_in_function]: "functionError": "Unhandled".
    @Test
    void anUnhandledErrorUnderReportBatchItemFailuresIsReportedAsUnhandled() throws IOException {
        String stream = fresh("conf-unhandled", 1);
        String queue = servers.freshQueue("conf-unhandled-dlq");
        servers.put(stream, List.<String[]>of(new String[] {"test", "hello"}));
        RecordingFunction function = new RecordingFunction((batch, n) -> error("division by zero"));

        EventSourceMapping mapping = start(settings(stream).batchSize(1).reportBatchItemFailures(true).maximumRetryAttempts(2).maximumRecordAgeSeconds(-1)
                .onFailureDestination(queue), function);
        awaitHandled(mapping, 1);

        JsonNode failure = onlyFailureRecord(queue);
        assertThat(function.batches).hasSize(3);
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    }

    // test_kinesis_event_source_mapping_with_on_failure_destination_config: MaximumRetryAttempts 1 → two invocations,
    // the record names the last one's request id, timestamps carry exactly three fractional digits.
    @Test
    void theOnFailureRecordDescribesTheLastInvocation() throws IOException {
        String stream = fresh("conf-onfailure", 1);
        String queue = servers.freshQueue("conf-onfailure-dlq");
        String seq = servers.put(stream, List.<String[]>of(new String[] {"test", "{\"raise_error\":1}"})).get(0);
        RecordingFunction function = new RecordingFunction((batch, n) -> error("raised"));

        EventSourceMapping mapping = start(settings(stream).batchSize(1).maximumRetryAttempts(1).maximumRecordAgeSeconds(-1).onFailureDestination(queue),
                function);
        awaitHandled(mapping, 1);

        JsonNode failure = onlyFailureRecord(queue);
        assertThat(failure.at("/requestContext/requestId").asText()).isEqualTo(function.requestIds.get(1));
        assertThat(failure.at("/requestContext/functionArn").asText()).isEqualTo(FUNCTION_ARN);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(failure.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.get("version").asText()).isEqualTo("1.0");
        assertThat(failure.get("timestamp").asText()).matches(MILLIS_TIMESTAMP);
        JsonNode info = failure.get("KinesisBatchInfo");
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(seq);
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(seq);
        assertThat(info.get("approximateArrivalOfFirstRecord").asText()).matches(MILLIS_TIMESTAMP);
        assertThat(info.get("approximateArrivalOfLastRecord").asText()).matches(MILLIS_TIMESTAMP);
        assertThat(info.get("batchSize").asInt()).isEqualTo(1);
        assertThat(failure.fieldNames()).toIterable()
                .containsExactly("requestContext", "responseContext", "version", "timestamp", "KinesisBatchInfo");
    }

    // test_kinesis_maximum_record_age_exceeded[expire-before-ingestion]: a record already too old when the mapping
    // reads it is never invoked; RecordAgeExceeded, approximateInvokeCount 1, no responseContext.
    @Test
    void aRecordExpiredBeforeIngestionIsDiscardedWithoutInvocation() throws IOException {
        String stream = fresh("conf-age-before", 1);
        String queue = servers.freshQueue("conf-age-before-dlq");
        servers.put(stream, List.<String[]>of(new String[] {"test", "stream-data"}));
        StreamTestServers.sleep(1200);
        RecordingFunction function = new RecordingFunction((batch, n) -> error("echo failure"));

        EventSourceMapping mapping = start(settings(stream).batchSize(1).maximumRetryAttempts(0).maximumRecordAgeSeconds(1).onFailureDestination(queue),
                function);
        awaitHandled(mapping, 1);

        JsonNode failure = onlyFailureRecord(queue);
        assertThat(function.batches).isEmpty();
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(failure.has("responseContext")).isFalse();
        assertThat(failure.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(1);
    }

    // test_kinesis_maximum_record_age_exceeded_discard_records: one expired record and five fresh ones in the same
    // batch → the expired one to the destination (batchSize 1), the function invoked with the five fresh ones.
    @Test
    void onlyTheExpiredRecordsOfABatchAreDiscarded() throws IOException {
        String stream = fresh("conf-age-discard", 1);
        String queue = servers.freshQueue("conf-age-discard-dlq");
        String expired = servers.put(stream, List.<String[]>of(new String[] {"test", "stream-data"})).get(0);
        StreamTestServers.sleep(2300);
        servers.put(stream, IntStream.rangeClosed(1, 5).mapToObj(i -> new String[] {"test", "stream-data-" + i}).toList());
        RecordingFunction function = RecordingFunction.succeeding();

        EventSourceMapping mapping = start(settings(stream).batchSize(10).maximumRetryAttempts(0).maximumRecordAgeSeconds(2).onFailureDestination(queue),
                function);
        awaitHandled(mapping, 6);

        JsonNode failure = onlyFailureRecord(queue);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(failure.has("responseContext")).isFalse();
        assertThat(failure.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(1);
        assertThat(failure.at("/KinesisBatchInfo/startSequenceNumber").asText()).isEqualTo(expired);
        assertThat(function.batches).singleElement().satisfies(batch -> assertThat(batch).extracting(Rec::data)
                .containsExactly("stream-data-1", "stream-data-2", "stream-data-3", "stream-data-4", "stream-data-5"));
        assertThat(mapping.metrics().recordsDelivered()).isEqualTo(5);
        assertThat(mapping.metrics().recordsSentToOnFailure()).isEqualTo(1);
    }

    // test_kinesis_maximum_record_age_exceeded[expire-while-retrying]: with unlimited retries a failing record is
    // retried (with backoff) until it expires; the record counts every invocation and has no responseContext.
    @Test
    void aRecordThatExpiresWhileRetryingCountsItsInvocations() throws IOException {
        String stream = fresh("conf-age-retrying", 1);
        String queue = servers.freshQueue("conf-age-retrying-dlq");
        servers.put(stream, List.<String[]>of(new String[] {"test", "stream-data"}));
        RecordingFunction function = new RecordingFunction((batch, n) -> error("echo failure"));

        EventSourceMapping mapping = start(settings(stream).batchSize(1).maximumRetryAttempts(-1).maximumRecordAgeSeconds(2).onFailureDestination(queue)
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(50)), function);
        awaitHandled(mapping, 1);

        JsonNode failure = onlyFailureRecord(queue);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(function.batches.size())
                .isGreaterThan(1);
        assertThat(failure.at("/requestContext/requestId").asText()).isEqualTo(function.requestIds.get(function.requestIds.size() - 1));
        assertThat(failure.has("responseContext")).isFalse();
    }

    // test_kinesis_event_source_mapping_with_s3_on_failure_destination: one object under
    // aws/lambda/<ESM UUID>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>; its body is the record with sorted keys
    // and the whole invocation payload.
    @Test
    void anS3DestinationKeepsTheRecordAndThePayloadUnderAwsKey() throws IOException {
        String stream = fresh("conf-s3", 1);
        String bucket = servers.freshBucket("conf-s3-dlq");
        servers.put(stream, List.<String[]>of(new String[] {"custom", "{\"input\": \"hello\", \"value\": \"world\", \"raise_error\": 1}"}));
        RecordingFunction function = new RecordingFunction((batch, n) -> error("raised"));

        EventSourceMapping mapping = start(settings(stream).batchSize(1).maximumRetryAttempts(1).maximumRecordAgeSeconds(-1)
                .onFailureDestination("arn:aws:s3:::" + bucket), function);
        awaitHandled(mapping, 1);

        List<S3Object> objects = servers.s3.listObjectsV2(r -> r.bucket(bucket)).contents();
        assertThat(objects).hasSize(1);
        String key = objects.get(0).key();
        JsonNode body = RecordingFunction.JSON.readTree(servers.s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
        java.time.Instant at = java.time.Instant.parse(body.get("timestamp").asText());
        String uuid = MappingUuid.of(FUNCTION_ARN, stream);
        assertThat(key).startsWith("aws/lambda/" + uuid + "/shardId-000000000000/"
                + java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd/yyyy-MM-dd'T'HH.mm.ss").withZone(java.time.ZoneOffset.UTC).format(at) + "-");
        assertThat(key.substring(key.lastIndexOf("-", key.length() - 37) + 1)).matches("[0-9a-f-]{36}");
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("KinesisBatchInfo", "payload", "requestContext", "responseContext", "timestamp", "version");
        assertThat(body.get("KinesisBatchInfo").fieldNames()).toIterable().containsExactly("approximateArrivalOfFirstRecord",
                "approximateArrivalOfLastRecord", "batchSize", "endSequenceNumber", "shardId", "startSequenceNumber", "streamArn");
        assertThat(body.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(body.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(body.get("payload")).isEqualTo(function.events.get(1));
    }

    // test_kinesis_event_source_mapping_with_sns_on_failure_destination_config: AWS accepts SNS; the local stack has
    // no SNS, so the mapping is refused at start-up in one line naming it (not retried forever at run time).
    @Test
    void anSnsDestinationIsRefusedAtStartUpNamingTheMapping() throws IOException {
        assertThatThrownBy(() -> startMappingWith("""
                            DestinationConfig:
                              OnFailure:
                                Destination: arn:aws:sns:us-east-1:000000000000:failures
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Handler.Stream")
                .hasMessageContaining("arn:aws:sns:us-east-1:000000000000:failures")
                .hasMessageNotContaining("\n");
    }

    private static RecordFilter dataFilter(String... patterns) {
        return RecordFilter.kinesis(dev.streamproc.local.esm.filter.FilterCriteria.of(List.of(patterns)));
    }

    // test_kinesis_event_filtering_json_pattern: two functions on one stream, each mapping filtering on data.event_type;
    // each function is invoked once, with its own record only.
    @Test
    void eachMappingDeliversOnlyTheRecordsItsFilterMatches() {
        String stream = fresh("conf-filter", 1);
        List<String> seqs = servers.put(stream, List.of(new String[] {"custom", "{\"event_type\": \"function_1\", \"message\": \"foo\"}"},
                new String[] {"custom", "{\"event_type\": \"function_2\", \"message\": \"bar\"}"}));
        RecordingFunction first = RecordingFunction.succeeding();
        RecordingFunction second = RecordingFunction.succeeding();

        EventSourceMapping one = start(settings(stream).batchSize(1).maximumRetryAttempts(1).maximumRecordAgeSeconds(-1), first,
                dataFilter("{\"data\": {\"event_type\": [\"function_1\"]}}"));
        EventSourceMapping two = start(EsmSettings.builder("Second", FUNCTION_ARN + "-2", stream).batchSize(1).maximumRetryAttempts(1).maximumRecordAgeSeconds(-1)
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(20)), second, dataFilter("{\"data\": {\"event_type\": [\"function_2\"]}}"));
        awaitHandled(one, 2);
        awaitHandled(two, 2);

        assertThat(first.allData()).containsExactly("{\"event_type\": \"function_1\", \"message\": \"foo\"}");
        assertThat(second.allData()).containsExactly("{\"event_type\": \"function_2\", \"message\": \"bar\"}");
        assertThat(one.metrics().recordsFiltered()).isEqualTo(1);
        assertThat(one.checkpoints().read("shardId-000000000000")).contains(seqs.get(1));
        assertThat(two.checkpoints().read("shardId-000000000000")).contains(seqs.get(1));
    }

    // Lambda developer guide, "Using event filtering with a Kinesis event source": filters apply to each record; a
    // batch holds only the records that match (not the whole batch when one matches), a record whose data is not
    // JSON never matches a data filter, and dropped records are checkpointed.
    @Test
    void filtersApplyPerRecordAndNonJsonDataNeverMatches() {
        String stream = fresh("conf-filter-batch", 1);
        List<String> seqs = servers.put(stream, List.of(new String[] {"k", "{\"lang\":\"en\",\"n\":1}"},
                new String[] {"k", "{\"lang\":\"fr\",\"n\":2}"}, new String[] {"k", "lang en, not JSON"},
                new String[] {"k", "{\"lang\":\"en\",\"n\":4}"}, new String[] {"k", "{\"lang\":\"de\",\"n\":5}"}));
        RecordingFunction function = RecordingFunction.succeeding();

        EventSourceMapping mapping = start(settings(stream).batchSize(10).maximumBatchingWindow(Duration.ofMillis(500)), function,
                dataFilter("{\"data\": {\"lang\": [\"en\"]}}", "{\"data\": {\"n\": [{\"numeric\": [\">=\", 5]}]}}"));
        awaitHandled(mapping, 5);

        assertThat(function.batches).singleElement().satisfies(batch -> assertThat(batch).extracting(Rec::data)
                .containsExactly("{\"lang\":\"en\",\"n\":1}", "{\"lang\":\"en\",\"n\":4}", "{\"lang\":\"de\",\"n\":5}"));
        assertThat(mapping.metrics().recordsFiltered()).isEqualTo(2);
        assertThat(mapping.metrics().recordsDelivered()).isEqualTo(3);
        assertThat(mapping.checkpoints().read("shardId-000000000000")).contains(seqs.get(4));
    }

    // A stream whose records are all filtered out still moves its checkpoint: nothing is re-read after a restart.
    @Test
    void aFullyFilteredPageIsCheckpointed() {
        String stream = fresh("conf-filter-none", 1);
        List<String> seqs = servers.put(stream, List.of(new String[] {"k", "{\"lang\":\"fr\"}"}, new String[] {"k", "plain"}));
        RecordingFunction function = RecordingFunction.succeeding();

        EventSourceMapping mapping = start(settings(stream), function, dataFilter("{\"data\": {\"lang\": [\"en\"]}}"));
        awaitHandled(mapping, 2);

        assertThat(function.batches).isEmpty();
        assertThat(mapping.checkpoints().read("shardId-000000000000")).contains(seqs.get(1));
    }

    // Bad configuration is one line at start-up naming the mapping (issue: "an unknown filter operator").
    @Test
    void anUnknownFilterOperatorIsRefusedAtStartUpNamingTheMapping() throws IOException {
        assertThatThrownBy(() -> startMappingWith("""
                            FilterCriteria:
                              Filters:
                                - Pattern: '{"data": {"lang": [{"equals": "en"}]}}'
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event source mapping Handler.Stream: unknown filter operator 'equals'");
    }

    /** Starts the mappings of {@link #templateWithMapping}'s stack, as the runtime does at start-up. */
    private List<EventSourceMapping> startMappingWith(String extra) throws IOException {
        Path file = Files.createTempFile(dataDir, "template", ".yaml");
        Files.writeString(file, templateWithMapping(extra));
        return StackEventSources.create(Template.load(file), servers.kinesis, null, servers.sqs, servers.s3, (f, e) -> null, dataDir, s -> s);
    }

    /** A stack of one stream and one function mapped to it; {@code extra} adds properties to the mapping. */
    private static String templateWithMapping(String extra) {
        return """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Events:
                    Type: AWS::Kinesis::Stream
                    Properties:
                      ShardCount: 1
                  Handler:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler::handleRequest
                      Runtime: java21
                      CodeUri: target/handler.jar
                      Events:
                        Stream:
                          Type: Kinesis
                          Properties:
                            Stream: !GetAtt Events.Arn
                            StartingPosition: TRIM_HORIZON
                """ + extra;
    }

    // Lambda API reference (CreateEventSourceMapping), TumblingWindowInSeconds: 0..900. A bad value is one line at
    // start-up naming the mapping (issue: "a window over 900 s").
    @Test
    void aTumblingWindowOver900SecondsIsRefusedAtStartUpNamingTheMapping() throws IOException {
        assertThatThrownBy(() -> startMappingWith("            TumblingWindowInSeconds: 901\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event source mapping Handler.Stream: TumblingWindowInSeconds must be 0..900, was 901");
    }

    // A window's state is per shard: a tumbling window with ParallelizationFactor over 1 is refused at start-up
    // (terraform-aws-modules/terraform-aws-lambda#619 reports the API's rule); 60 s alone is accepted.
    @Test
    void aTumblingWindowWithParallelizationIsRefusedAndAloneIsAccepted() throws IOException {
        assertThatThrownBy(() -> startMappingWith("            TumblingWindowInSeconds: 60\n            ParallelizationFactor: 2\n"))
                .hasMessage("event source mapping Handler.Stream: TumblingWindowInSeconds needs ParallelizationFactor 1, was 2");

        var mappings = startMappingWith("            TumblingWindowInSeconds: 60\n");
        assertThat(mappings).singleElement().satisfies(m -> assertThat(m.settings().tumblingWindow()).isEqualTo(Duration.ofSeconds(60)));
    }

    // Lambda developer guide, "Using AWS Lambda with Amazon Kinesis" → "Time windows": every invocation of a window gets
    // the window {start,end}, shardId, eventSourceARN and the state the previous invocation returned ({} first); at
    // the window's end one more call with no records and isFinalInvokeForWindow true carries the final state; the
    // window's records are checkpointed after it. Windows are placed by the records' arrival time.
    @Test
    void aTumblingWindowCarriesStateAndEndsWithAFinalCallWithoutRecords() {
        String stream = fresh("conf-window", 1);
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seqs.addAll(servers.put(stream, List.<String[]>of(new String[] {"k", "r" + i})));
        }
        RecordingFunction function = RecordingFunction.windowCounting();

        EventSourceMapping mapping = start(settings(stream).batchSize(2).tumblingWindowSeconds(1), function);
        await("the final calls of every window", () -> mapping.checkpoints().read("shardId-000000000000").orElse("").equals(seqs.get(3)));

        List<JsonNode> events = List.copyOf(function.events);
        long records = 0;
        JsonNode previous = null;
        for (JsonNode event : events) {
            java.time.Instant start = java.time.Instant.parse(event.at("/window/start").asText());
            assertThat(java.time.Instant.parse(event.at("/window/end").asText())).isEqualTo(start.plusSeconds(1));
            assertThat(event.get("shardId").asText()).isEqualTo("shardId-000000000000");
            assertThat(event.get("eventSourceARN").asText()).isEqualTo(stream);
            assertThat(event.get("isWindowTerminatedEarly").asBoolean()).isFalse();
            boolean newWindow = previous == null || previous.get("isFinalInvokeForWindow").asBoolean();
            int before = newWindow ? 0 : previous.at("/state/n").asInt() + previous.get("Records").size();
            assertThat(event.get("state").toString()).isEqualTo(newWindow ? "{}" : "{\"n\":" + before + "}");
            for (JsonNode r : event.get("Records")) {
                double arrival = r.at("/kinesis/approximateArrivalTimestamp").asDouble();
                assertThat(arrival).isBetween(start.toEpochMilli() / 1000.0, start.plusSeconds(1).toEpochMilli() / 1000.0);
                records++;
            }
            if (event.get("isFinalInvokeForWindow").asBoolean()) {
                assertThat(event.get("Records")).isEmpty();
            }
            previous = event;
        }
        assertThat(records).isEqualTo(4);
        assertThat(events.get(events.size() - 1).get("isFinalInvokeForWindow").asBoolean()).isTrue();
        long finals = events.stream().filter(e -> e.get("isFinalInvokeForWindow").asBoolean()).count();
        long windows = events.stream().map(e -> e.at("/window/start").asText()).distinct().count();
        assertThat(finals).isEqualTo(windows);
    }

    // "Time windows": "If the response does not contain a state property, Lambda considers this a failed invocation",
    // and "Tumbling windows fully support the existing retry policies": MaximumRetryAttempts 1 → two calls, then the
    // record goes to the on-failure destination; the window still ends with its final call.
    @Test
    void aWindowedAnswerWithoutStateIsAFailedInvocation() throws IOException {
        String stream = fresh("conf-window-nostate", 1);
        String queue = servers.freshQueue("conf-window-nostate-dlq");
        servers.put(stream, List.<String[]>of(new String[] {"k", "no state"}));
        RecordingFunction function = new RecordingFunction((batch, n) -> ok(batch.isEmpty() ? "{\"state\":{}}" : "{\"total\":1}"));

        EventSourceMapping mapping = start(settings(stream).batchSize(1).tumblingWindowSeconds(1).maximumRetryAttempts(1)
                .onFailureDestination(queue), function);
        awaitHandled(mapping, 1);

        JsonNode failure = onlyFailureRecord(queue);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(function.events).extracting(e -> e.get("Records").size() + " " + e.get("isFinalInvokeForWindow").asBoolean())
                .containsExactly("1 false", "1 false", "0 true");
    }
}
