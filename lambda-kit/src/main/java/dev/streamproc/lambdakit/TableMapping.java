package dev.streamproc.lambdakit;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How one kind of stream record becomes one DynamoDB item: the domain's decoder and the thin
 * glue to attribute values.
 *
 * @param <K> the table's primary key
 * @param <T> the decoded record
 */
public interface TableMapping<K, T> {

    Decoding<T> decode(byte[] data);

    K keyOf(T value);

    Map<String, AttributeValue> itemOf(T value);

    /** The table's key attribute names: the partition key, then the sort key if there is one. */
    List<String> keyAttributes();

    /** The key of an item this mapping made (to name the records of unprocessed items). */
    K keyOfItem(Map<String, AttributeValue> item);
}
