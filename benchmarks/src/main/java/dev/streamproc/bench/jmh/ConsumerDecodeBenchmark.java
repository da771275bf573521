package dev.streamproc.bench.jmh;

import dev.streamproc.consumer.BatchDecoder;
import dev.streamproc.consumer.DecodedBatch;
import dev.streamproc.consumer.FailurePolicy;
import dev.streamproc.lambdakit.KinesisRecord;
import dev.streamproc.model.TweetParser;
import dev.streamproc.model.kpl.KplAggregate;
import dev.streamproc.model.kpl.KplAggregateEncoder;
import dev.streamproc.model.kpl.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The consumer's CPU per user record, no I/O: one Lambda batch of KPL-aggregated Kinesis
 * records de-aggregated, parsed and mapped to EventData items (what the function does before
 * its BatchWriteItem calls). Scores are per user record. Target: at most 5 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConsumerDecodeBenchmark {

    /** User records in the batch (about 100 Kinesis records of ~50 KB, the ESM's default batch size). */
    static final int USER_RECORDS = 1_200;

    /** The KPL's default AggregationMaxSize. */
    private static final int AGGREGATE_MAX_BYTES = 51_200;

    /** {@code v1.1}: full statuses as twitter4j and the search API give them; {@code v2}: X API v2 responses. */
    @Param({"v1.1", "v2"})
    public String shape;

    private List<KinesisRecord> batch;
    private BatchDecoder decoder;

    @Setup
    public void buildBatch() {
        List<byte[]> tweets = "v2".equals(shape)
                ? RealisticTweets.generateV2(USER_RECORDS, 42)
                : RealisticTweets.generate(USER_RECORDS, 42);
        batch = aggregate(tweets);
        System.out.printf("%n%d user records of %d bytes on average in %d Kinesis records%n", USER_RECORDS,
                tweets.stream().mapToInt(tweet -> tweet.length).sum() / USER_RECORDS, batch.size());
        decoder = new BatchDecoder(new FailurePolicy());
        DecodedBatch check = decoder.decode(batch);
        if (check.plan().items().size() != USER_RECORDS || check.rejected() != 0) {
            throw new IllegalStateException("the benchmark batch does not decode to " + USER_RECORDS + " items");
        }
    }

    @Benchmark
    @OperationsPerInvocation(USER_RECORDS)
    public DecodedBatch deaggregateParseMap() {
        return decoder.decode(batch);
    }

    /** The share of de-aggregation alone (MD5 check and protobuf) in the figure above. */
    @Benchmark
    @OperationsPerInvocation(USER_RECORDS)
    public void deaggregateOnly(Blackhole blackhole) {
        for (KinesisRecord record : batch) {
            blackhole.consume(KplAggregate.decode(record.data(), record.partitionKey()));
        }
    }

    /** De-aggregation and parsing, without the EventData mapping and the write plan. */
    @Benchmark
    @OperationsPerInvocation(USER_RECORDS)
    public void deaggregateParse(Blackhole blackhole) {
        for (KinesisRecord record : batch) {
            for (UserRecord user : KplAggregate.decode(record.data(), record.partitionKey())) {
                blackhole.consume(TweetParser.parse(user.data()));
            }
        }
    }

    /** Packs the tweets into aggregates the way the KPL does: as many as fit in 50 KB. */
    static List<KinesisRecord> aggregate(List<byte[]> tweets) {
        List<KinesisRecord> records = new ArrayList<>();
        List<UserRecord> pending = new ArrayList<>();
        int pendingBytes = 0;
        for (byte[] tweet : tweets) {
            if (!pending.isEmpty() && pendingBytes + tweet.length + 64 > AGGREGATE_MAX_BYTES) {
                records.add(record(records.size(), pending));
                pending = new ArrayList<>();
                pendingBytes = 0;
            }
            pending.add(new UserRecord(Integer.toString(pending.size()), null, pending.size(), tweet, true));
            pendingBytes += tweet.length + 64;
        }
        if (!pending.isEmpty()) {
            records.add(record(records.size(), pending));
        }
        return records;
    }

    private static KinesisRecord record(int n, List<UserRecord> users) {
        return new KinesisRecord("shardId-000000000000",
                "4959033827149025660855969253836157109592157598913658" + String.format("%04d", n),
                users.get(0).partitionKey(), KplAggregateEncoder.encode(users));
    }
}
