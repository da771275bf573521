package dev.streamproc.consumer;

import dev.streamproc.lambdakit.KinesisRecord;
import dev.streamproc.model.EventDataItem;
import dev.streamproc.model.ParseResult;
import dev.streamproc.model.RecordLineage;
import dev.streamproc.model.kpl.CorruptAggregateException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what becomes of every record. Input that can never succeed is rejected so it does
 * not block the shard; notices are skipped; only records whose items could not be written
 * (a transient cause) go back to the event source mapping to be retried.
 */
public final class FailurePolicy {

    public Disposition dispositionOf(ParseResult result, RecordLineage lineage) {
        // Java 17 bytecode: no pattern matching for switch yet.
        if (result instanceof ParseResult.Parsed parsed) {
            return store(EventDataItem.from(parsed.tweet(), lineage).attributes());
        }
        if (result instanceof ParseResult.Notice notice) {
            return new Disposition.Skip(notice.kind());
        }
        return new Disposition.Reject(((ParseResult.Rejected) result).reason());
    }

    /** The MD5 or protobuf of an aggregate is broken: none of its user records can be trusted. */
    public Disposition corruptAggregate(CorruptAggregateException e) {
        return new Disposition.Reject("corrupt KPL aggregate: " + e.getMessage());
    }

    /**
     * Parsing is deterministic, so a bug that throws on some bytes would throw on every retry
     * too: reject the record (logged with its bytes) rather than stall the shard on it.
     */
    public Disposition unexpectedFailure(RuntimeException e) {
        return new Disposition.Reject("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    Disposition store(Map<String, Object> attributes) {
        ItemKey key = ItemKey.of(attributes);
        if (isBlank(key.username()) || isBlank(key.id())) {
            return new Disposition.Reject("no Username or Id for the item key");
        }
        Optional<String> keyViolation = KeyLimits.violation(attributes);
        if (keyViolation.isPresent()) {
            return new Disposition.Reject(keyViolation.get());
        }
        if (ItemSize.exceedsDynamoDbLimit(attributes)) {
            return new Disposition.Reject("oversized: item of up to " + ItemSize.upperBoundBytes(attributes, true)
                    + " bytes exceeds DynamoDB's 400 KB");
        }
        return new Disposition.Store(key, attributes);
    }

    /**
     * The sequence numbers to report in {@code batchItemFailures}: every record that owns at
     * least one item that was not written, in delivery order. An empty list means success.
     */
    public List<String> sequenceNumbersToRetry(List<KinesisRecord> records, WritePlan plan, Collection<ItemKey> unwritten) {
        if (unwritten.isEmpty()) {
            return List.of();
        }
        Set<String> failed = plan.ownersOf(unwritten);
        List<String> inDeliveryOrder = new ArrayList<>();
        for (KinesisRecord record : records) {
            if (failed.contains(record.sequenceNumber()) && !inDeliveryOrder.contains(record.sequenceNumber())) {
                inDeliveryOrder.add(record.sequenceNumber());
            }
        }
        return inDeliveryOrder;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
