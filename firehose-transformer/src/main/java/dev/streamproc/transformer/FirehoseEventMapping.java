package dev.streamproc.transformer;

import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Between aws-lambda-java-events' Firehose shapes and the transformer's own records. */
final class FirehoseEventMapping {

    private FirehoseEventMapping() {
    }

    static List<SourceRecord> toSources(KinesisFirehoseEvent event) {
        List<KinesisFirehoseEvent.Record> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<SourceRecord> sources = new ArrayList<>(records.size());
        for (KinesisFirehoseEvent.Record record : records) {
            Map<String, String> kinesis = record.getKinesisRecordMetadata();
            sources.add(new SourceRecord(record.getRecordId(), bytes(record.getData()),
                    kinesis == null ? null : kinesis.get("partitionKey")));
        }
        return sources;
    }

    /**
     * The Lambda Java runtime writes this class with its Jackson serializer as
     * {@code {"records":[{"recordId":..,"result":"Ok","data":"<base64>"}]}}, the shape Firehose reads.
     */
    static KinesisAnalyticsInputPreprocessingResponse toResponse(TransformedBatch batch) {
        List<KinesisAnalyticsInputPreprocessingResponse.Record> records = new ArrayList<>(batch.records().size());
        for (TransformedRecord record : batch.records()) {
            records.add(new KinesisAnalyticsInputPreprocessingResponse.Record(record.recordId(),
                    KinesisAnalyticsInputPreprocessingResponse.Result.valueOf(record.result().name()),
                    ByteBuffer.wrap(record.data())));
        }
        return new KinesisAnalyticsInputPreprocessingResponse(records);
    }

    private static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
