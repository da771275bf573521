package dev.streamproc.transformer;

import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.model.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON shapes on both sides of the function, as the real Lambda Java runtime reads and writes them. */
class RuntimeSerializationTest {

    @Test
    void aFirehoseEventDeserializesWithBase64DataDecoded() throws Exception {
        byte[] json = getClass().getResourceAsStream("/firehose-event.json").readAllBytes();

        KinesisFirehoseEvent event = LambdaRuntimeJson.read(json, KinesisFirehoseEvent.class);

        assertThat(event.getInvocationId()).isEqualTo("8f3f5a1e-61a4-4ad7-9c6f-0d7e3b5a2c11");
        assertThat(event.getDeliveryStreamArn()).endsWith(":deliverystream/streamproc-DeliveryStream");
        assertThat(event.getRegion()).isEqualTo("us-east-1");
        assertThat(event.getRecords()).hasSize(3);
        KinesisFirehoseEvent.Record first = event.getRecords().get(0);
        assertThat(first.getRecordId()).isEqualTo("49546986683135544286507457936321625675700192471156785154000000");
        assertThat(first.getApproximateArrivalTimestamp()).isEqualTo(1763859735000L);
        assertThat(bytes(first.getData())).isEqualTo(Fixtures.bytes("v1-japanese.json"));
        assertThat(first.getKinesisRecordMetadata())
                .containsEntry("partitionKey", "550000000000000004")
                .containsEntry("shardId", "shardId-000000000000")
                .containsEntry("sequenceNumber", "49546986683135544286507457936321625675700192471156785154");
    }

    @Test
    void theResponseSerializesToWhatFirehoseExpects() throws Exception {
        byte[] row = "{\"text\":\"日本語 😀\"}\n".getBytes(StandardCharsets.UTF_8);
        KinesisAnalyticsInputPreprocessingResponse response = new KinesisAnalyticsInputPreprocessingResponse(List.of(
                new KinesisAnalyticsInputPreprocessingResponse.Record("id-1",
                        KinesisAnalyticsInputPreprocessingResponse.Result.Ok, ByteBuffer.wrap(row)),
                new KinesisAnalyticsInputPreprocessingResponse.Record("id-2",
                        KinesisAnalyticsInputPreprocessingResponse.Result.Dropped, ByteBuffer.wrap(new byte[0])),
                new KinesisAnalyticsInputPreprocessingResponse.Record("id-3",
                        KinesisAnalyticsInputPreprocessingResponse.Result.ProcessingFailed,
                        ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0}))));

        byte[] json = LambdaRuntimeJson.write(response);
        JsonNode tree = new ObjectMapper().readTree(json);

        assertThat(fieldNames(tree)).containsExactly("records");
        assertThat(tree.get("records")).hasSize(3);
        JsonNode ok = tree.get("records").get(0);
        assertThat(fieldNames(ok)).containsExactlyInAnyOrder("recordId", "result", "data");
        assertThat(ok.get("recordId").asText()).isEqualTo("id-1");
        assertThat(ok.get("result").asText()).isEqualTo("Ok");
        assertThat(Base64.getDecoder().decode(ok.get("data").asText())).isEqualTo(row);
        assertThat(tree.get("records").get(1).get("result").asText()).isEqualTo("Dropped");
        assertThat(tree.get("records").get(1).get("data").asText()).isEmpty();
        assertThat(tree.get("records").get(2).get("result").asText()).isEqualTo("ProcessingFailed");
        assertThat(Base64.getDecoder().decode(tree.get("records").get(2).get("data").asText()))
                .containsExactly((byte) 0xFF, 0);
    }

    @Test
    void theResponseSizeEstimateIsTheSerializedSize() {
        TransformedBatch batch = new FirehoseTransformation().transform(List.of(
                new SourceRecord("r1", Fixtures.bytes("v1-emoji.json"), "k1"),
                new SourceRecord("r2", Fixtures.bytes("notice-limit.json"), "k2"),
                new SourceRecord("r3", Fixtures.bytes("malformed.json"), "k3")));

        byte[] json = LambdaRuntimeJson.write(FirehoseEventMapping.toResponse(batch));

        assertThat(batch.estimatedResponseBytes()).isEqualTo(json.length);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
