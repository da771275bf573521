package dev.streamproc.transformer;

import java.util.Objects;

/**
 * What the function answers for one {@link SourceRecord}.
 *
 * @param recordId      the source record's id
 * @param result        the Firehose status
 * @param data          Ok: the Athena rows; ProcessingFailed: the original bytes (kept whole where the response has
 *                      room); Dropped: empty
 * @param rows          tweets written as rows
 * @param notices       stream notices skipped
 * @param failureReason why the record failed, {@code null} unless ProcessingFailed
 */
public record TransformedRecord(String recordId, Result result, byte[] data, int rows, int notices,
                                String failureReason) {

    public TransformedRecord {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(data, "data");
    }
}
