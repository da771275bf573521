package dev.streamproc.local.esm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.stream.StreamRecord;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a function's answer under {@code ReportBatchItemFailures}: {@code {"batchItemFailures":[{"itemIdentifier":"SEQ"}]}}.
 * No answer, {@code null}, {@code {}} or an empty list means the whole batch succeeded; an identifier that is
 * missing, not a string, or not a record of the batch makes the whole batch failed, as Lambda documents.
 */
public final class BatchResponse {

    /** {@code firstFailedIndex} is -1 for success; {@code invalidReason} is set when the whole batch counts as failed. */
    public record Verdict(int firstFailedIndex, String invalidReason) {
        public boolean success() {
            return firstFailedIndex < 0 && invalidReason == null;
        }

        public boolean invalid() {
            return invalidReason != null;
        }
    }

    private BatchResponse() {
    }

    public static Verdict judge(byte[] payload, List<StreamRecord> batch) {
        if (payload == null || payload.length == 0) {
            return new Verdict(-1, null);
        }
        JsonNode root;
        try {
            root = KinesisEventFormat.JSON.readTree(payload);
        } catch (IOException e) {
            return new Verdict(-1, "response is not JSON");
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new Verdict(-1, null);
        }
        if (!root.isObject()) {
            return new Verdict(-1, "response is not a JSON object");
        }
        JsonNode failures = root.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new Verdict(-1, null);
        }
        if (!failures.isArray()) {
            return new Verdict(-1, "batchItemFailures is not a list");
        }
        Map<String, Integer> indexBySequence = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            indexBySequence.put(batch.get(i).sequenceNumber(), i);
        }
        int lowest = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            JsonNode id = failure == null ? null : failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                return new Verdict(-1, "malformed itemIdentifier " + failure);
            }
            Integer index = indexBySequence.get(id.asText());
            if (index == null) {
                return new Verdict(-1, "itemIdentifier " + id.asText() + " is not a record of the batch");
            }
            lowest = Math.min(lowest, index);
        }
        return new Verdict(lowest, null);
    }
}
