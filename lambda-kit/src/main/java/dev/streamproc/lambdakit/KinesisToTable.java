package dev.streamproc.lambdakit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The core of a Kinesis → DynamoDB function: decode every record, check it against DynamoDB's
 * item limits, write one item per key with BatchWriteItem, and say which records must come again. Writes are puts of the whole item under
 * a key taken from the record, so a redelivered record overwrites itself: no duplicates.
 */
public final class KinesisToTable<K, T> {

    private final TableMapping<K, T> mapping;
    private final BatchWriter<K> writer;

    public KinesisToTable(TableMapping<K, T> mapping, BatchWriter<K> writer) {
        this.mapping = mapping;
        this.writer = writer;
    }

    public BatchReport process(List<KinesisRecord> records, Deadline deadline) {
        WritePlan<K, Map<String, AttributeValue>> plan = new WritePlan<>();
        List<Rejection> rejections = new ArrayList<>();
        Map<K, KinesisRecord> sources = new HashMap<>(); // the record each item came from (the last one for a key)
        for (KinesisRecord record : records) {
            Decoding<T> decoding = decode(record.data());
            String reason;
            if (decoding instanceof Decoding.Value<T> value) {
                Map<String, AttributeValue> item = mapping.itemOf(value.value());
                Optional<String> tooBig = ItemLimits.violation(item, mapping.keyAttributes());
                if (tooBig.isEmpty()) {
                    K key = mapping.keyOf(value.value());
                    plan.add(key, item, record.sequenceNumber());
                    sources.put(key, record);
                    continue;
                }
                reason = tooBig.get();
            } else {
                reason = ((Decoding.Rejected<T>) decoding).reason();
            }
            rejections.add(new Rejection(record.shardId(), record.sequenceNumber(), reason, ByteHead.escape(record.data())));
        }
        WriteOutcome<K> outcome = plan.isEmpty() ? WriteOutcome.nothingToWrite() : writer.write(plan.items().values(), deadline);
        // An item DynamoDB refused for what it holds would be refused on every retry: dropped on purpose, counted once.
        outcome.refused().forEach((key, reason) -> {
            KinesisRecord record = sources.get(key);
            rejections.add(new Rejection(record.shardId(), record.sequenceNumber(), reason, ByteHead.escape(record.data())));
        });
        return new BatchReport(records.size(), outcome.itemsWritten(), List.copyOf(rejections),
                plan.collapsedDuplicates(), outcome.retries(),
                plan.sequenceNumbersToRetry(KinesisRecords.sequenceNumbers(records), outcome.unwritten()));
    }

    /** Decoding is deterministic: a bug that throws on some bytes would throw on every retry, so reject. */
    private Decoding<T> decode(byte[] data) {
        try {
            return mapping.decode(data);
        } catch (RuntimeException e) {
            return Decoding.rejected("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
