package dev.streamproc.local.esm;

import java.util.List;

/** A sharded stream as a poller sees it (Kinesis, or DynamoDB Streams through an adapter). */
public interface StreamSource {

    String streamArn();

    List<String> shardIds();

    String shardIterator(String shardId, StartPosition position);

    /** One GetRecords call. {@code nextIterator} is null once a closed shard is fully read. */
    Page getRecords(String shardId, String iterator, int limit);

    record Page(List<StreamRecord> records, String nextIterator, long millisBehindLatest) {
    }
}
