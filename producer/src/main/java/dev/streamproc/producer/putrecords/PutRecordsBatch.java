package dev.streamproc.producer.putrecords;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups records into PutRecords calls within the API's limits: at most 500 records and 5 MiB a
 * call, counting each record's data and partition key (Kinesis PutRecords API reference).
 */
final class PutRecordsBatch<T> {

    static final int MAX_RECORDS = 500;
    static final long MAX_BYTES = 5L * 1024 * 1024;
    /** One record's data plus partition key (Kinesis: 1 MiB). */
    static final long MAX_RECORD_BYTES = 1024L * 1024;

    private List<T> items = new ArrayList<>();
    private long bytes;

    static long size(String partitionKey, byte[] data) {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Whether a record of {@code size} bytes still fits into this call. */
    boolean fits(long size) {
        return items.size() < MAX_RECORDS && bytes + size <= MAX_BYTES;
    }

    void add(T item, long size) {
        items.add(item);
        bytes += size;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    int size() {
        return items.size();
    }

    /** The records so far, leaving this batch empty. */
    List<T> take() {
        List<T> out = items;
        items = new ArrayList<>();
        bytes = 0;
        return out;
    }
}
