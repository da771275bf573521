package dev.streamproc.transformer;

import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.lambdakit.testing.TestContext;
import dev.streamproc.model.AthenaRow;
import dev.streamproc.model.Fixtures;
import java.lang.reflect.Proxy;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.Metrics;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler end to end: event JSON in, response JSON out, both through the Lambda runtime's serializers. */
class TransformerHandlerTest {

    private static final String FUNCTION = "streamproc-FirehoseTransformerFunction";

    private final Map<String, Double> flushedMetrics = new HashMap<>();

    @Test
    void transformsAFirehoseInvocation() throws Exception {
        byte[] eventJson = getClass().getResourceAsStream("/firehose-event.json").readAllBytes();
        KinesisFirehoseEvent event = LambdaRuntimeJson.read(eventJson, KinesisFirehoseEvent.class);

        KinesisAnalyticsInputPreprocessingResponse response =
                new TransformerHandler(recordingMetrics()).handleRequest(event, new TestContext(FUNCTION, 60_000));
        JsonNode records = new ObjectMapper().readTree(LambdaRuntimeJson.write(response)).get("records");

        assertThat(records).hasSize(3);
        assertThat(records.get(0).get("recordId").asText()).isEqualTo(event.getRecords().get(0).getRecordId());
        assertThat(records.get(0).get("result").asText()).isEqualTo("Ok");
        assertThat(Base64.getDecoder().decode(records.get(0).get("data").asText()))
                .isEqualTo(AthenaRow.toJsonLine(Fixtures.tweet("v1-japanese.json")));
        assertThat(records.get(1).get("result").asText()).isEqualTo("Dropped");
        assertThat(records.get(2).get("result").asText()).isEqualTo("ProcessingFailed");
        assertThat(Base64.getDecoder().decode(records.get(2).get("data").asText()))
                .as("the original bytes").isEqualTo("{\"id_str\":\"1\", oops}".getBytes());
        assertThat(flushedMetrics).containsEntry("RecordsIn", 3.0).containsEntry("RecordsOk", 1.0)
                .containsEntry("RecordsDropped", 1.0).containsEntry("RecordsProcessingFailed", 1.0)
                .containsEntry("RowsWritten", 1.0).containsEntry("NoticesSkipped", 1.0);
    }

    @Test
    void runsWithTheRealPowertoolsMetrics() {
        KinesisAnalyticsInputPreprocessingResponse response =
                new TransformerHandler().handleRequest(new KinesisFirehoseEvent(), new TestContext(FUNCTION, 60_000));

        assertThat(response.getRecords()).isEmpty();
    }

    /** Lambda SnapStart runs the runtime hooks before it snapshots the container (docs: "SnapStart runtime hooks"). */
    @Test
    void snapStartPrimingTransformsASampleBeforeTheSnapshotAndLeavesNothingBehind() throws Exception {
        TransformerHandler handler = new TransformerHandler(recordingMetrics());

        handler.priming().beforeCheckpoint(null); // what the runtime calls before the snapshot (registered by the handler)

        assertThat(handler.priming().timesPrimed()).isEqualTo(1);
        assertThat(handler.priming().prime().count(Result.Ok)).isEqualTo(1); // the sample went the whole Ok path
        assertThat(flushedMetrics).isEmpty();
        byte[] eventJson = getClass().getResourceAsStream("/firehose-event.json").readAllBytes();
        handler.handleRequest(LambdaRuntimeJson.read(eventJson, KinesisFirehoseEvent.class), new TestContext(FUNCTION, 60_000));
        assertThat(flushedMetrics).containsEntry("RecordsIn", 3.0).containsEntry("RecordsOk", 1.0);
    }

    /** Powertools' Metrics, remembering what was added until the handler flushes. */
    private Metrics recordingMetrics() {
        Map<String, Double> pending = new HashMap<>();
        return (Metrics) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Metrics.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "addMetric" -> pending.merge((String) args[0], (Double) args[1], Double::sum);
                        case "flush" -> {
                            flushedMetrics.putAll(pending);
                            pending.clear();
                        }
                        default -> { }
                    }
                    return null;
                });
    }

}
