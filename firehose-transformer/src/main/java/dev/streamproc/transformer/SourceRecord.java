package dev.streamproc.transformer;

import java.util.Objects;

/**
 * One record Firehose hands the function.
 *
 * @param recordId     Firehose's id, echoed back in the response
 * @param data         the record's bytes (already base64-decoded)
 * @param partitionKey the Kinesis partition key when the source is a stream, else {@code null}
 */
public record SourceRecord(String recordId, byte[] data, String partitionKey) {

    public SourceRecord {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(data, "data");
    }
}
