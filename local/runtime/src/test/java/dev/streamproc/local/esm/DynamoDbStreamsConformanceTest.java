package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.cloud.server.DynamoDbServer;
import dev.streamproc.local.stream.DynamoDbStreamArn;
import dev.streamproc.local.stream.DynamoDbStreamSource;
import dev.streamproc.local.lambda.LambdaInvoker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The DynamoDB Streams event source mapping against AWS's recorded behaviour: each case encodes a scenario of
 * LocalStack's {@code tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_dynamodbstreams.snapshot.json}
 * (recorded against real AWS), named in its comment. Real DynamoDB Local, ElasticMQ and s3proxy. The mapping is
 * configured with the ARN a template gives ({@code .../stream/local}, the stack's region and account), as
 * {@code streamproc up} does.
 */
@Timeout(120)
class DynamoDbStreamsConformanceTest {

    private static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:ddb-conformance";
    private static DynamoDbServer server;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbStreamsClient streams;
    private final StreamTestServers servers = StreamTestServers.get();
    private final List<EventSourceMapping> started = new ArrayList<>();

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startDynamoDb() {
        server = DynamoDbServer.start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        streams = DynamoDbStreamsClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopDynamoDb() {
        server.close();
    }

    @AfterEach
    void stopMappings() {
        started.forEach(m -> m.stop(2000));
    }

    /** A function that keeps each event and the request id it was invoked with, answering per invocation number. */
    static final class DdbFunction implements LambdaInvoker {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final List<String> rawEvents = new CopyOnWriteArrayList<>();
        final List<String> requestIds = new CopyOnWriteArrayList<>();
        private final IntFunction<InvocationResult> answer;

        DdbFunction(IntFunction<InvocationResult> answer) {
            this.answer = answer;
        }

        @Override
        public InvocationResult invoke(String functionId, byte[] event, String requestId) {
            requestIds.add(requestId);
            return invoke(functionId, event);
        }

        @Override
        public InvocationResult invoke(String functionId, byte[] event) {
            try {
                events.add(RecordingFunction.JSON.readTree(event));
                rawEvents.add(new String(event, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return answer.apply(events.size() - 1);
        }
    }

    /** A table with a NEW_IMAGE stream; returns the ARN a template would give its stream. */
    private static String tableWithStream(String base) {
        String table = StreamTestServers.unique(base);
        dynamoDb.createTable(r -> r.tableName(table)
                .keySchema(k -> k.attributeName("my_partition_key").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("my_partition_key").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        return "arn:aws:dynamodb:eu-west-1:123456789012:table/" + table + "/stream/local";
    }

    private static String tableOf(String streamArn) {
        return streamArn.substring(streamArn.indexOf("table/") + 6, streamArn.indexOf("/stream/"));
    }

    private static void putHelloWorld(String streamArn) {
        dynamoDb.putItem(r -> r.tableName(tableOf(streamArn)).item(Map.of("my_partition_key", AttributeValue.fromS("hello world"),
                "binary_key", AttributeValue.fromB(SdkBytes.fromString("foobar", StandardCharsets.UTF_8)))));
    }

    private EventSourceMapping start(EsmSettings.Builder builder, LambdaInvoker function) {
        return start(builder, function, RecordFilter.NONE);
    }

    private EventSourceMapping start(EsmSettings.Builder builder, LambdaInvoker function, RecordFilter filter) {
        EsmSettings settings = builder.build();
        DynamoDbStreamArn arn = DynamoDbStreamArn.resolve(streams, settings.streamArn());
        FailureDestination destination = FailureDestinations.of(settings.onFailureDestination(), servers.sqs, servers.s3,
                MappingUuid.of(settings.functionArn(), settings.streamArn()));
        EventSourceMapping mapping = new EventSourceMapping(settings, new DynamoDbStreamSource(streams, arn),
                new DynamoDbEventFormat(arn.awsArn()), function, destination, dataDir, filter);
        started.add(mapping.start());
        return mapping;
    }

    private static EsmSettings.Builder settings(String streamArn) {
        return EsmSettings.builder("DdbConformance", FUNCTION_ARN, streamArn).idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(20));
    }

    private static void awaitHandled(EventSourceMapping mapping, long records) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (mapping.metrics().recordsDelivered() + mapping.metrics().recordsDiscarded() + mapping.metrics().recordsFiltered() < records) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + records + " records");
            }
            StreamTestServers.sleep(20);
        }
    }

    // test_dynamodb_event_source_mapping: the record as AWS sends it — awsRegion the stack's region,
    // ApproximateCreationDateTime epoch seconds as a number (10 digits before the point), eventSourceARN with the
    // table's stream label (a timestamp), SizeBytes and StreamViewType.
    @Test
    void theEventRecordIsAsAwsSendsIt() {
        String configured = tableWithStream("ddb-conf-shape");
        putHelloWorld(configured);
        DdbFunction function = new DdbFunction(n -> RecordingFunction.ok(null));

        awaitHandled(start(settings(configured).batchSize(1), function), 1);

        JsonNode record = function.events.get(0).get("Records").get(0);
        assertThat(record.get("eventName").asText()).isEqualTo("INSERT");
        assertThat(record.get("eventVersion").asText()).isEqualTo("1.1");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(record.get("awsRegion").asText()).isEqualTo("eu-west-1");
        JsonNode created = record.at("/dynamodb/ApproximateCreationDateTime");
        assertThat(created.isNumber()).isTrue();
        assertThat(function.rawEvents.get(0)).containsPattern("\"ApproximateCreationDateTime\":\\d{10}\\.\\d+,");
        assertThat((long) Math.log10(created.asDouble())).isEqualTo(9);
        assertThat(created.asDouble()).isBetween(Instant.now().getEpochSecond() - 120.0, Instant.now().getEpochSecond() + 1.0);
        assertThat(record.get("eventSourceARN").asText())
                .matches("arn:aws:dynamodb:eu-west-1:123456789012:table/" + tableOf(configured)
                        + "/stream/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
        assertThat(record.at("/dynamodb/Keys/my_partition_key/S").asText()).isEqualTo("hello world");
        assertThat(record.at("/dynamodb/NewImage/binary_key/B").asText()).isEqualTo("Zm9vYmFy");
        assertThat(record.at("/dynamodb/SizeBytes").isNumber()).isTrue();
        assertThat(record.at("/dynamodb/StreamViewType").asText()).isEqualTo("NEW_IMAGE");
        assertThat(record.fieldNames()).toIterable()
                .containsExactly("eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "eventSourceARN");
    }

    // test_dynamodb_event_source_mapping_with_on_failure_destination_config: MaximumRetryAttempts 1 → approximateInvokeCount 2,
    // "Unhandled"; DDBStreamBatchInfo arrivals in whole seconds (2022-07-13T13:48:01Z) and the stream ARN the function saw.
    @Test
    void theOnFailureRecordCarriesDdbStreamBatchInfo() throws IOException {
        String configured = tableWithStream("ddb-conf-failure");
        String queue = servers.freshQueue("ddb-conf-failure-dlq");
        putHelloWorld(configured);
        DdbFunction function = new DdbFunction(n -> RecordingFunction.error("unhandled"));

        awaitHandled(start(settings(configured).batchSize(1).maximumRetryAttempts(1).maximumRecordAgeSeconds(-1).onFailureDestination(queue), function), 1);

        JsonNode failure = RecordingFunction.JSON.readTree(servers.drainQueue(queue, 1, Duration.ofSeconds(10)).get(0).body());
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(failure.at("/requestContext/requestId").asText()).isEqualTo(function.requestIds.get(1));
        assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        JsonNode info = failure.get("DDBStreamBatchInfo");
        assertThat(info.get("approximateArrivalOfFirstRecord").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(info.get("approximateArrivalOfLastRecord").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(info.get("batchSize").asInt()).isEqualTo(1);
        assertThat(info.get("streamArn").asText()).isEqualTo(function.events.get(0).at("/Records/0/eventSourceARN").asText());
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(function.events.get(0).at("/Records/0/dynamodb/SequenceNumber").asText());
    }

    // test_dynamodb_report_batch_item_success_scenarios[empty_list_success | null_success | empty_dict_success |
    // empty_batch_item_failure_success | null_batch_item_failure_success]: one invocation each.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "null", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}"})
    void aSuccessResponseIsOneInvocation(String response) {
        String configured = tableWithStream("ddb-conf-success");
        putHelloWorld(configured);
        DdbFunction function = new DdbFunction(n -> RecordingFunction.ok(response));

        EventSourceMapping mapping = start(settings(configured).batchSize(3).reportBatchItemFailures(true).maximumRetryAttempts(3).maximumRecordAgeSeconds(-1),
                function);
        awaitHandled(mapping, 1);
        StreamTestServers.sleep(300);

        assertThat(function.events).hasSize(1);
        assertThat(mapping.metrics().recordsDelivered()).isEqualTo(1);
    }

    // test_dynamodb_report_batch_item_failure_scenarios[item_identifier_not_present_failure |
    // empty_string_item_identifier_failure | null_item_identifier_failure | invalid_key_foo_failure |
    // invalid_key_foo_null_value_failure]: MaximumRetryAttempts 3 → 4 invocations, "functionError": null.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"batchItemFailures\":[{\"itemIdentifier\":123}]}", "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", "{\"batchItemFailures\":[{\"foo\":123}]}",
            "{\"batchItemFailures\":[{\"foo\":null}]}"})
    void anInvalidItemFailureResponseFailsTheBatchWithANullFunctionError(String response) throws IOException {
        String configured = tableWithStream("ddb-conf-invalid");
        String queue = servers.freshQueue("ddb-conf-invalid-dlq");
        putHelloWorld(configured);
        DdbFunction function = new DdbFunction(n -> RecordingFunction.ok(response));

        awaitHandled(start(settings(configured).batchSize(3).reportBatchItemFailures(true).maximumRetryAttempts(3).maximumRecordAgeSeconds(-1)
                .onFailureDestination(queue), function), 1);

        JsonNode failure = RecordingFunction.JSON.readTree(servers.drainQueue(queue, 1, Duration.ofSeconds(10)).get(0).body());
        assertThat(function.events).hasSize(4);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(4);
        assertThat(failure.get("responseContext").has("functionError")).isTrue();
        assertThat(failure.at("/responseContext/functionError").isNull()).isTrue();
    }

    // test_dynamodb_event_source_mapping_with_s3_on_failure_destination: the object under
    // aws/lambda/<ESM UUID>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>, body with DDBStreamBatchInfo and payload.
    @Test
    void anS3DestinationKeepsTheRecordAndThePayload() throws IOException {
        String configured = tableWithStream("ddb-conf-s3");
        String bucket = servers.freshBucket("ddb-conf-s3-dlq");
        putHelloWorld(configured);
        DdbFunction function = new DdbFunction(n -> RecordingFunction.error("unhandled"));

        awaitHandled(start(settings(configured).batchSize(1).maximumRetryAttempts(1).maximumRecordAgeSeconds(-1).onFailureDestination("arn:aws:s3:::" + bucket),
                function), 1);

        List<S3Object> objects = servers.s3.listObjectsV2(r -> r.bucket(bucket)).contents();
        assertThat(objects).hasSize(1);
        String key = objects.get(0).key();
        JsonNode body = RecordingFunction.JSON.readTree(servers.s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
        String shardId = body.at("/DDBStreamBatchInfo/shardId").asText();
        assertThat(key).startsWith("aws/lambda/" + MappingUuid.of(FUNCTION_ARN, configured) + "/" + shardId + "/");
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("DDBStreamBatchInfo", "payload", "requestContext", "responseContext", "timestamp", "version");
        assertThat(body.get("payload")).isEqualTo(function.events.get(1));
        assertThat(body.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
    }

    // test_dynamodb_event_filter[*]: two item writes, a filter, and the number of invocations AWS made (BatchSize 1).
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            insert_same_entry_twice | {"id":{"S":"id_value"},"id2":{"S":"id2_value"}} | {"id":{"S":"id_value"},"id2":{"S":"id2_value"}}     | {"eventName":["INSERT"]}                                                  | 1
            content_or_filter       | {"id":{"S":"id_value"}}                          | {"id":{"S":"id_value"},"id2":{"S":"id2_new_value"}} | {"eventName":["INSERT","MODIFY"]}                                         | 2
            content_filter_type     | {"id":{"S":"id_value_1"},"presentKey":{"S":"presentValue"}} | {"id":{"S":"id_value_2"}}                | {"dynamodb":{"NewImage":{"presentKey":{"S":["presentValue"]}}}}           | 1
            exists_filter_type      | {"id":{"S":"id_value_1"},"presentKey":{"S":"presentValue"}} | {"id":{"S":"id_value_2"}}                | {"dynamodb":{"NewImage":{"presentKey":{"S":[{"exists":true}]}}}}          | 1
            exists_false_filter     | {"id":{"S":"id_value_1"}}                        | {"id":{"S":"id_value_2"},"presentKey":{"S":"presentValue"}} | {"dynamodb":{"NewImage":{"presentKey":[{"exists":false}]}}} | 2
            numeric_filter          | {"id":{"S":"id_value_1"},"numericFilter":{"N":"42"}} | {"id":{"S":"id_value_2"},"numericFilter":{"N":"101"}} | {"dynamodb":{"NewImage":{"numericFilter":{"N":[{"numeric":[">",100]},{"anything-but":"101"}]}}}} | 1
            prefix_filter           | {"id":{"S":"id_value_1"},"prefix":{"S":"us-1-other-suffix"}} | {"id":{"S":"id_value_1"},"prefix":{"S":"other-suffix"}} | {"dynamodb":{"NewImage":{"prefix":{"S":[{"prefix":"us-1"}]}}}} | 1
            date_time_conversion    | {"id":{"S":"id_value_1"}}                        | {"id":{"S":"id_value_2"}}                           | {"dynamodb":{"ApproximateCreationDateTime":[{"numeric":[">",0]}]}}        | 2
            """)
    void aFilterInvokesTheFunctionAsOftenAsOnAws(String scenario, String item1, String item2, String pattern, int calls) throws Exception {
        String table = StreamTestServers.unique("ddb-conf-filter");
        dynamoDb.createTable(r -> r.tableName(table).keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)).billingMode("PAY_PER_REQUEST")
                .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        String configured = "arn:aws:dynamodb:eu-west-1:123456789012:table/" + table + "/stream/local";
        for (String typed : List.of(item1, item2)) {
            Map<String, AttributeValue> item = item(typed);
            dynamoDb.putItem(r -> r.tableName(table).item(item));
        }
        DdbFunction function = new DdbFunction(n -> RecordingFunction.ok(null));

        EventSourceMapping mapping = start(settings(configured).batchSize(1), function,
                RecordFilter.dynamoDb(dev.streamproc.local.esm.filter.FilterCriteria.of(List.of(pattern))));
        // DynamoDB Local writes no stream record for a put that changes nothing (insert_same_entry_twice): wait for
        // what was read to be handled, then for anything late.
        awaitHandled(mapping, calls);
        StreamTestServers.sleep(700);
        awaitHandled(mapping, mapping.metrics().recordsRead());

        assertThat(function.events).as(scenario).hasSize(calls);
        assertThat(mapping.metrics().recordsFiltered()).isEqualTo(mapping.metrics().recordsRead() - calls);
    }

    /** An item in DynamoDB's typed JSON ({"id":{"S":"x"}}), as the scenarios write it. */
    private static Map<String, AttributeValue> item(String typedJson) throws IOException {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        RecordingFunction.JSON.readTree(typedJson).fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            item.put(e.getKey(), v.has("S") ? AttributeValue.fromS(v.get("S").asText()) : AttributeValue.fromN(v.get("N").asText()));
        });
        return item;
    }

    // Lambda developer guide, "Using AWS Lambda with Amazon DynamoDB" → "Time windows" (example DynamodbTimeWindowEvent):
    // the same window fields as Kinesis — window, state, shardId, eventSourceARN (the stream ARN the records carry),
    // isFinalInvokeForWindow, isWindowTerminatedEarly — and a final call without records that carries the total.
    @Test
    void aTumblingWindowOnAStreamEndsWithAFinalCallCarryingTheState() {
        String configured = tableWithStream("ddb-conf-window");
        for (int i = 0; i < 3; i++) {
            int n = i;
            dynamoDb.putItem(r -> r.tableName(tableOf(configured)).item(Map.of("my_partition_key", AttributeValue.fromS("item-" + n))));
        }
        DdbFunction[] self = new DdbFunction[1];
        self[0] = new DdbFunction(n -> {
            JsonNode event = self[0].events.get(n);
            return RecordingFunction.ok("{\"state\":{\"n\":" + (event.at("/state/n").asInt(0) + event.get("Records").size()) + "}}");
        });
        DdbFunction function = self[0];

        EventSourceMapping mapping = start(settings(configured).batchSize(10).tumblingWindowSeconds(1), function);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (function.events.stream().filter(e -> e.get("isFinalInvokeForWindow").asBoolean())
                .mapToInt(e -> e.at("/state/n").asInt()).sum() < 3 || mapping.metrics().recordsBehind() > 0) {
            assertThat(System.nanoTime()).as("all three records in final states").isLessThan(deadline);
            StreamTestServers.sleep(20);
        }

        JsonNode last = function.events.get(function.events.size() - 1);
        assertThat(last.get("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(last.get("Records")).isEmpty();
        String streamArn = function.events.get(0).at("/Records/0/eventSourceARN").asText();
        for (JsonNode event : function.events) {
            assertThat(event.fieldNames()).toIterable().containsExactly("Records", "window", "state", "shardId", "eventSourceARN",
                    "isFinalInvokeForWindow", "isWindowTerminatedEarly");
            assertThat(event.get("eventSourceARN").asText()).isEqualTo(streamArn);
            assertThat(event.get("shardId").asText()).isNotBlank();
            assertThat(event.at("/window/start").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        }
    }
}
