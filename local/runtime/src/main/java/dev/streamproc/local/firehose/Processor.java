package dev.streamproc.local.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one buffered batch through the Lambda processor and holds the function to Firehose's contract: every
 * recordId back exactly once with result Ok (and base64 data), Dropped or ProcessingFailed. A failed invocation
 * (function error, timeout, a response that is not the documented JSON) is retried {@code NumberOfRetries}
 * times; after that every record of the batch is ProcessingFailed with the last error.
 */
final class Processor {

    private static final Logger LOG = LoggerFactory.getLogger(Processor.class);

    static final String FUNCTION_ERROR = "The Lambda function was successfully invoked but it returned an error result.";
    static final String TIMED_OUT = "The Lambda function invocation timed out. Increase the Timeout setting in the Lambda function.";
    static final String MISSING_ID = "One or more record Ids were not returned. Ensure that the Lambda function returns all received record Ids.";
    static final String DUPLICATED_ID = "Multiple records were returned with the same record Id. Ensure that the Lambda function returns a unique record Id for each record.";
    static final String PROCESSING_FAILED = "ProcessingFailed status set for record";

    private final FirehoseSettings settings;
    private final LambdaInvoker invoker;
    private final FirehoseMetrics metrics;
    private final Clock clock;

    Processor(FirehoseSettings settings, LambdaInvoker invoker, FirehoseMetrics metrics, Clock clock) {
        this.settings = settings;
        this.invoker = invoker;
        this.metrics = metrics;
        this.clock = clock;
    }

    private record Failure(String code, String message) {
    }

    List<Outcome> process(List<FirehoseRecord> batch) throws InterruptedException {
        Failure last = null;
        int attempts = 0;
        while (attempts <= settings.numberOfRetries()) {
            if (attempts > 0) {
                Thread.sleep(settings.retryDelay().toMillis());
            }
            attempts++;
            metrics.invocations.incrementAndGet();
            byte[] event = ProcessorEvent.json(UUID.randomUUID().toString(), settings, batch);
            InvocationResult result;
            try {
                result = invoker.invoke(settings.lambdaArn(), event);
            } catch (CancellationException e) {
                throw new InterruptedException("processor invocation cancelled");
            } catch (RuntimeException e) {
                // The function could not be reached at all: a failed invocation, retried like one.
                LOG.warn("{}: cannot invoke the processor: {}", settings.name(), e.toString());
                result = InvocationResult.error("Lambda.ServiceException", e.toString(), java.time.Duration.ZERO);
            }
            if (result.timedOut()) {
                last = new Failure("Lambda.FunctionTimedOut", TIMED_OUT);
            } else if ("Lambda.ServiceException".equals(result.errorType())) {
                last = new Failure("Lambda.ServiceException", "The Lambda function could not be invoked: " + result.errorMessage());
            } else if (!result.succeeded()) {
                last = new Failure("Lambda.FunctionError", FUNCTION_ERROR);
            } else {
                JsonNode records = recordsOf(result.payload());
                if (records != null) {
                    return judge(batch, records, attempts);
                }
                last = new Failure("Lambda.JsonProcessingException", "The response of the Lambda function is not the expected JSON: "
                        + "an object with a 'records' list.");
            }
            LOG.info("{}: processor invocation {} of {} failed: {} ({} {})", settings.name(), attempts, settings.numberOfRetries() + 1,
                    last.code, result.errorType(), result.errorMessage());
        }
        Instant ending = clock.instant();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (FirehoseRecord r : batch) {
            outcomes.add(Outcome.failed(r, last.code, last.message, attempts, ending));
        }
        return outcomes;
    }

    private static JsonNode recordsOf(byte[] payload) {
        if (payload == null) {
            return null;
        }
        try {
            JsonNode root = ProcessorEvent.JSON.readTree(payload);
            JsonNode records = root == null ? null : root.get("records");
            return records != null && records.isArray() ? records : null;
        } catch (IOException e) {
            return null;
        }
    }

    private List<Outcome> judge(List<FirehoseRecord> batch, JsonNode records, int attempts) {
        Map<String, JsonNode> byId = new HashMap<>();
        Set<String> duplicated = new HashSet<>();
        Set<String> sent = new HashSet<>();
        batch.forEach(r -> sent.add(r.recordId()));
        for (JsonNode r : records) {
            JsonNode id = r.get("recordId");
            if (id == null || !id.isTextual() || !sent.contains(id.asText())) {
                LOG.warn("{}: processor returned a record id it was not given: {}", settings.name(), id);
                continue;
            }
            if (byId.putIfAbsent(id.asText(), r) != null) {
                duplicated.add(id.asText());
            }
        }
        Instant ending = clock.instant();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (FirehoseRecord record : batch) {
            JsonNode answer = byId.get(record.recordId());
            if (duplicated.contains(record.recordId())) {
                outcomes.add(Outcome.failed(record, "Lambda.DuplicatedRecordId", DUPLICATED_ID, attempts, ending));
            } else if (answer == null) {
                outcomes.add(Outcome.failed(record, "Lambda.MissingRecordId", MISSING_ID, attempts, ending));
            } else {
                outcomes.add(outcome(record, answer, attempts, ending));
            }
        }
        return outcomes;
    }

    private static Outcome outcome(FirehoseRecord record, JsonNode answer, int attempts, Instant ending) {
        String result = answer.path("result").asText("");
        switch (result) {
            case "Ok":
                JsonNode data = answer.get("data");
                if (data == null || !data.isTextual()) {
                    return Outcome.failed(record, "Lambda.JsonProcessingException", "Record with result Ok has no base64 'data'.",
                            attempts, ending);
                }
                try {
                    return Outcome.ok(record, Base64.getDecoder().decode(data.asText()));
                } catch (IllegalArgumentException e) {
                    return Outcome.failed(record, "Lambda.JsonProcessingException", "Record data is not valid base64.", attempts, ending);
                }
            case "Dropped":
                return Outcome.dropped(record);
            case "ProcessingFailed":
                return Outcome.failed(record, "Lambda.ProcessingFailedStatus", PROCESSING_FAILED, attempts, ending);
            default:
                return Outcome.failed(record, "Lambda.JsonProcessingException",
                        "Invalid result '" + result + "': must be Ok, Dropped or ProcessingFailed.", attempts, ending);
        }
    }
}
