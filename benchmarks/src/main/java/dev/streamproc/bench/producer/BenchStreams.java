package dev.streamproc.bench.producer;

import dev.streamproc.model.kpl.KplAggregate;
import dev.streamproc.model.kpl.UserRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Fresh streams and full read-back for the bench (outside the timed part). */
final class BenchStreams {

    private final KinesisClient kinesis;

    BenchStreams(KinesisClient kinesis) {
        this.kinesis = kinesis;
    }

    void create(String name, int shards) {
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + name + " did not become ACTIVE");
            }
            pause();
        }
    }

    /** Kinesis records of every shard, from the start. */
    List<Record> readAll(String stream) {
        List<Record> out = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(it).limit(10_000));
                out.addAll(page.records());
                if (page.records().isEmpty()) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return out;
    }

    static List<UserRecord> deaggregate(List<Record> records) {
        List<UserRecord> out = new ArrayList<>();
        for (Record r : records) {
            out.addAll(KplAggregate.decode(r.data().asByteArray(), r.partitionKey()));
        }
        return out;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
