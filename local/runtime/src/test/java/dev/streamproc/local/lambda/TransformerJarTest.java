package dev.streamproc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real firehose-transformer deployment jar, run by the local runtime with a Firehose processor event. */
class TransformerJarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void transformsAFirehoseEventInTheDeploymentJar() throws Exception {
        // the function exactly as template.yaml defines it (environment, memory, timeout), from its deployment jar
        FunctionSpec transformer = FunctionSpec.of(Template.load(RepoRoot.find().resolve("template.yaml")).function("FirehoseTransformerFunction"));
        String arn = transformer.arn();
        String tweet = """
                {"id_str":"1234","created_at":"Sun Aug 31 00:29:15 +0000 2014","text":"Grüße #Tokyo 東京","lang":"de",
                 "user":{"screen_name":"alice","name":"Alice","followers_count":5},
                 "entities":{"hashtags":[{"text":"Tokyo"}]},"retweet_count":2,"favorite_count":3,"topic":"#Tokyo"}""";
        ObjectNode event = firehoseEvent(Map.of("r-ok", tweet, "r-notice", "{\"delete\":{\"status\":{\"id_str\":\"9\"}}}",
                "r-bad", "not json at all"));

        InvocationResult result;
        try (LocalLambda lambda = new LocalLambda(List.of(transformer),
                RuntimeOptions.forDataDirectory(dataDir, Map.of("AWS_REGION", "us-east-1"), null, false))) {
            result = lambda.invoke(arn + ":live", JSON.writeValueAsBytes(event));
        }

        assertThat(result.succeeded()).as("%s: %s", result.errorType(), result.errorMessage()).isTrue();
        JsonNode records = JSON.readTree(result.payload()).path("records");
        assertThat(records).hasSize(3);
        assertThat(resultOf(records, "r-ok")).isEqualTo("Ok");
        assertThat(resultOf(records, "r-notice")).isEqualTo("Dropped");
        assertThat(resultOf(records, "r-bad")).isEqualTo("ProcessingFailed");
        String line = new String(Base64.getDecoder().decode(recordOf(records, "r-ok").path("data").asText()), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n");
        JsonNode row = JSON.readTree(line);
        assertThat(row.path("id").asText()).isEqualTo("1234");
        assertThat(row.path("text").asText()).isEqualTo("Grüße #Tokyo 東京");
        assertThat(row.path("username").asText()).isEqualTo("alice");
        assertThat(row.path("created_at").asText()).isEqualTo("2014-08-31 00:29:15.000");
    }

    private static ObjectNode firehoseEvent(Map<String, String> records) {
        ObjectNode event = JSON.createObjectNode();
        event.put("invocationId", "test-invocation");
        event.put("deliveryStreamArn", "arn:aws:firehose:us-east-1:000000000000:deliverystream/streamproc-DeliveryStream");
        event.put("sourceKinesisStreamArn", "arn:aws:kinesis:us-east-1:000000000000:stream/streamproc-TweetStream");
        event.put("region", "us-east-1");
        ArrayNode list = event.putArray("records");
        records.forEach((id, data) -> {
            ObjectNode record = list.addObject();
            record.put("recordId", id);
            record.put("approximateArrivalTimestamp", 1_700_000_000_000L);
            record.put("data", Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
            ObjectNode kinesis = record.putObject("kinesisRecordMetadata");
            kinesis.put("shardId", "shardId-000000000000");
            kinesis.put("partitionKey", "1234");
            kinesis.put("approximateArrivalTimestamp", 1_700_000_000_000L);
            kinesis.put("sequenceNumber", "49590338271490256608559692538361571095921575989136588898");
            kinesis.put("subsequenceNumber", 0);
        });
        return event;
    }

    private static JsonNode recordOf(JsonNode records, String id) {
        for (JsonNode record : records) {
            if (record.path("recordId").asText().equals(id)) {
                return record;
            }
        }
        throw new AssertionError("no record " + id + " in " + records);
    }

    private static String resultOf(JsonNode records, String id) {
        return recordOf(records, id).path("result").asText();
    }
}
