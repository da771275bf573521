package dev.streamproc.lambdakit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The core of a Kinesis → DynamoDB function: decode every record, write one item per key with
 * BatchWriteItem, and say which records must come again. Writes are puts of the whole item under
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
        for (KinesisRecord record : records) {
            Decoding<T> decoding = decode(record.data());
            if (decoding instanceof Decoding.Value<T> value) {
                plan.add(mapping.keyOf(value.value()), mapping.itemOf(value.value()), record.sequenceNumber());
            } else {
                rejections.add(new Rejection(record.shardId(), record.sequenceNumber(),
                        ((Decoding.Rejected<T>) decoding).reason(), ByteHead.escape(record.data())));
            }
        }
        WriteOutcome<K> outcome = plan.isEmpty() ? WriteOutcome.nothingToWrite() : writer.write(plan.items().values(), deadline);
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
