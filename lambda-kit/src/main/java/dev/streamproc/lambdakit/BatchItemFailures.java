package dev.streamproc.lambdakit;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;

/**
 * The partial batch response of a stream function (the event source mapping needs
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}): an empty list is complete success.
 */
public final class BatchItemFailures {

    private BatchItemFailures() {
    }

    public static StreamsEventResponse of(List<String> sequenceNumbers) {
        return new StreamsEventResponse(sequenceNumbers.stream()
                .map(StreamsEventResponse.BatchItemFailure::new)
                .toList());
    }
}
