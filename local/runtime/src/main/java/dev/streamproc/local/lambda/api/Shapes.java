package dev.streamproc.local.lambda.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.esm.EsmSettings;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.esm.MappingUuid;
import dev.streamproc.local.lambda.FunctionSpec;
import java.math.BigDecimal;

/**
 * The JSON shapes of the Lambda API: {@code FunctionConfiguration} and {@code EventSourceMappingConfiguration}, with
 * the fields AWS recorded in LocalStack's snapshots (e.g. {@code create_event_source_mapping_response} in
 * {@code test_lambda_integration_kinesis.snapshot.json}).
 */
final class Shapes {

    private Shapes() {
    }

    static String uuid(EventSourceMapping mapping) {
        return MappingUuid.of(mapping.settings().functionArn(), mapping.settings().streamArn());
    }

    static ObjectNode configuration(FunctionSpec f) {
        ObjectNode c = LambdaApiServer.JSON.createObjectNode();
        c.put("FunctionName", f.functionName());
        c.put("FunctionArn", f.arn());
        c.put("Runtime", f.runtime());
        c.put("Handler", f.handler());
        c.put("MemorySize", f.memoryMb());
        c.put("Timeout", (int) f.timeout().toSeconds());
        c.put("Version", "$LATEST");
        c.put("PackageType", "Zip");
        c.put("State", "Active");
        c.put("LastUpdateStatus", "Successful");
        ObjectNode variables = c.putObject("Environment").putObject("Variables");
        f.environment().forEach(variables::put);
        return c;
    }

    static ObjectNode mapping(EventSourceMapping mapping, FunctionSpec function) {
        EsmSettings s = mapping.settings();
        ObjectNode m = LambdaApiServer.JSON.createObjectNode();
        m.put("UUID", uuid(mapping));
        m.put("BatchSize", s.batchSize());
        m.put("BisectBatchOnFunctionError", s.bisectBatchOnFunctionError());
        ObjectNode onFailure = m.putObject("DestinationConfig").putObject("OnFailure");
        if (s.onFailureDestination() != null) {
            onFailure.put("Destination", s.onFailureDestination());
        }
        m.put("EventSourceArn", s.streamArn());
        m.put("EventSourceMappingArn", "arn:aws:lambda:" + function.region() + ":" + function.accountId() + ":event-source-mapping:"
                + uuid(mapping));
        m.put("FunctionArn", function.arn());
        var types = m.putArray("FunctionResponseTypes");
        if (s.reportBatchItemFailures()) {
            types.add("ReportBatchItemFailures");
        }
        m.put("LastModified", BigDecimal.valueOf(mapping.lastModified().toEpochMilli()).movePointLeft(3));
        m.put("LastProcessingResult", mapping.metrics().batchesInvoked() == 0 ? "No records processed" : "OK");
        m.put("MaximumBatchingWindowInSeconds", (int) s.maximumBatchingWindow().toSeconds());
        m.put("MaximumRecordAgeInSeconds", s.maximumRecordAgeSeconds());
        m.put("MaximumRetryAttempts", s.maximumRetryAttempts());
        m.put("ParallelizationFactor", s.parallelizationFactor());
        m.put("StartingPosition", s.startingPosition().type().name());
        m.put("State", s.enabled() ? "Enabled" : "Disabled");
        m.put("StateTransitionReason", "User action");
        m.put("TumblingWindowInSeconds", s.tumblingWindowSeconds());
        return m;
    }
}
