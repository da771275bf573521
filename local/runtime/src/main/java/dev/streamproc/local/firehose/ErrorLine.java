package dev.streamproc.local.firehose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One record of the error output: Firehose's JSON document for a record that failed processing, one per line. */
final class ErrorLine {

    private ErrorLine() {
    }

    static byte[] of(Outcome failed, String lambdaArn) {
        ObjectNode line = ProcessorEvent.JSON.createObjectNode();
        line.put("attemptsMade", failed.attemptsMade());
        line.put("arrivalTimestamp", failed.record().approximateArrivalTimestamp().toEpochMilli());
        line.put("errorCode", failed.errorCode());
        line.put("errorMessage", failed.errorMessage());
        line.put("attemptEndingTimestamp", failed.attemptEnding().toEpochMilli());
        line.put("rawData", Base64.getEncoder().encodeToString(failed.record().data()));
        line.put("lambdaArn", lambdaArn);
        try {
            return (ProcessorEvent.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
