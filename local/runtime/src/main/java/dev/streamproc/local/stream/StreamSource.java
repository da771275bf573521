package dev.streamproc.local.stream;

import java.util.List;

/** A sharded stream as a poller sees it (Kinesis, or DynamoDB Streams through an adapter). */
public interface StreamSource {

    String streamArn();

    List<String> shardIds();

    /** The shards with their parents (after a split or merge), so children are read only once their parents are done. */
    default List<Shard> shards() {
        return shardIds().stream().map(id -> new Shard(id, List.of())).toList();
    }

    record Shard(String id, List<String> parentIds) {
    }

    String shardIterator(String shardId, StartPosition position);

    /** One GetRecords call. {@code nextIterator} is null once a closed shard is fully read. */
    Page getRecords(String shardId, String iterator, int limit);

    record Page(List<StreamRecord> records, String nextIterator, long millisBehindLatest) {
    }
}
