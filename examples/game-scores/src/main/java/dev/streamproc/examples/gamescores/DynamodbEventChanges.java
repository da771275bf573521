package dev.streamproc.examples.gamescores;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the Lambda DynamoDB Streams event into plain {@link ScoreChange}s. */
final class DynamodbEventChanges {

    private DynamodbEventChanges() {
    }

    static List<ScoreChange> of(DynamodbEvent event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        List<ScoreChange> changes = new ArrayList<>(event.getRecords().size());
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            StreamRecord dynamodb = record.getDynamodb();
            changes.add(new ScoreChange(
                    record.getEventID(),
                    dynamodb == null ? null : dynamodb.getSequenceNumber(),
                    record.getEventName(),
                    dynamodb == null ? null : plain(dynamodb.getNewImage())));
        }
        return changes;
    }

    private static Map<String, Object> plain(Map<String, AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        image.forEach((name, value) -> {
            if (value.getS() != null) {
                values.put(name, value.getS());
            } else if (value.getN() != null) {
                values.put(name, new BigDecimal(value.getN())); // DynamoDB's numbers are decimal text
            }
        });
        return values;
    }
}
