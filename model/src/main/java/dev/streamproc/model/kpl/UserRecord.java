package dev.streamproc.model.kpl;

import java.util.Objects;

/**
 * One record as the producer put it, after de-aggregation.
 *
 * @param partitionKey      the user record's own partition key
 * @param explicitHashKey   its explicit hash key, {@code null} when none was set
 * @param subSequenceNumber position inside the aggregate (0 for a plain record)
 * @param data              the payload
 * @param aggregated        whether it came out of a KPL aggregate
 */
public record UserRecord(String partitionKey, String explicitHashKey, long subSequenceNumber, byte[] data,
                         boolean aggregated) {

    public UserRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
    }
}
