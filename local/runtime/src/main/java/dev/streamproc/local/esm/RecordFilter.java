package dev.streamproc.local.esm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.esm.filter.FilterCriteria;
import dev.streamproc.local.stream.StreamRecord;
import java.io.IOException;

/**
 * Applies a mapping's {@link FilterCriteria} to each record before batching; a record it rejects is dropped and
 * checkpointed, never delivered. What the patterns see (AWS Lambda developer guide, event filtering for Kinesis and
 * DynamoDB): for Kinesis only {@code data}, the record's payload read as JSON — a payload that is not JSON has no
 * {@code data} to match; for DynamoDB Streams the record as the event carries it ({@code eventName},
 * {@code dynamodb.NewImage}, ...).
 */
public final class RecordFilter {

    public static final RecordFilter NONE = new RecordFilter(FilterCriteria.NONE, false);
    private static final ObjectReader STRICT = KinesisEventFormat.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final FilterCriteria criteria;
    private final boolean dynamoDb;

    private RecordFilter(FilterCriteria criteria, boolean dynamoDb) {
        this.criteria = criteria;
        this.dynamoDb = dynamoDb;
    }

    public static RecordFilter kinesis(FilterCriteria criteria) {
        return new RecordFilter(criteria, false);
    }

    public static RecordFilter dynamoDb(FilterCriteria criteria) {
        return new RecordFilter(criteria, true);
    }

    public boolean filters() {
        return !criteria.isEmpty();
    }

    public boolean accepts(StreamRecord record) {
        return criteria.isEmpty() || criteria.matches(document(record));
    }

    private JsonNode document(StreamRecord record) {
        JsonNode payload = json(record.data());
        if (dynamoDb) {
            return payload == null ? KinesisEventFormat.JSON.createObjectNode() : payload;
        }
        ObjectNode document = KinesisEventFormat.JSON.createObjectNode();
        if (payload != null) {
            document.set("data", payload);
        }
        return document;
    }

    private static JsonNode json(byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        try {
            return STRICT.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }
}
