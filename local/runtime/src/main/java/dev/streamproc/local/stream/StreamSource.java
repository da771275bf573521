package dev.streamproc.local.stream;

import java.util.List;

/** A sharded stream as a poller sees it (Kinesis, or DynamoDB Streams through an adapter). */
public interface StreamSource {

    String streamArn();

    /** The server it reads from, for messages: e.g. "the Kinesis server at http://127.0.0.1:4568". */
    default String server() {
        return "its server";
    }

    List<String> shardIds();

    /** The shards with their parents (after a split or merge), so children are read only once their parents are done. */
    default List<Shard> shards() {
        return shardIds().stream().map(id -> new Shard(id, List.of())).toList();
    }

    record Shard(String id, List<String> parentIds) {
    }

    String shardIterator(String shardId, StartPosition position);

    /**
     * True when {@code e}, thrown for an AFTER_SEQUENCE_NUMBER iterator, says the shard no longer holds that record:
     * kinesis-mock restarted from its last saved data, which lacks the records put in the moments before it died.
     */
    default boolean positionGone(RuntimeException e) {
        return false;
    }

    /** One GetRecords call. {@code nextIterator} is null once a closed shard is fully read. */
    Page getRecords(String shardId, String iterator, int limit);

    record Page(List<StreamRecord> records, String nextIterator, long millisBehindLatest) {
    }
}
