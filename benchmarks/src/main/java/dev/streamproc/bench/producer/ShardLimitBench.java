package dev.streamproc.bench.producer;

import dev.streamproc.local.cloud.server.KinesisServer;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.RecordSink;
import dev.streamproc.producer.TweetPump;
import dev.streamproc.producer.kinesis.KplSettings;
import dev.streamproc.producer.kinesis.KplSink;
import dev.streamproc.producer.putrecords.PutRecordsClients;
import dev.streamproc.producer.putrecords.PutRecordsSink;
import dev.streamproc.producer.synthetic.SyntheticTweets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

/**
 * Both producers (KPL with aggregation, SDK PutRecords) against kinesis-local, which emulates the
 * per-shard write limit (1 MiB/s or 1,000 records/s): user records/s divided by what the shards
 * admit for these tweets, on 1 and 4 shards. Each run uses a fresh stream and is verified by
 * reading every user record back.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.streamproc.bench.producer.ShardLimitBench [--count 8000] [--seed 2026]
 * </pre>
 */
public final class ShardLimitBench {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final double SHARD_BYTES_PER_SECOND = 1024 * 1024;
    private static final double SHARD_RECORDS_PER_SECOND = 1000;

    private ShardLimitBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        int count = Integer.parseInt(opts.getOrDefault("--count", "8000"));
        long seed = Long.parseLong(opts.getOrDefault("--seed", "2026"));
        List<OutgoingTweet> tweets = SyntheticTweets.withSeed(seed).take(count);
        double average = tweets.stream().mapToLong(t -> t.data().length + t.partitionKey().length()).average().orElse(1);
        System.out.printf(Locale.ROOT, "%d synthetic tweets, average %.0f bytes with key%n", count, average);

        Path work = Files.createTempDirectory("shard-limit-bench");
        KinesisServer started = KinesisServer.start(work.resolve("kinesis"));
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        try (KinesisServer server = started;
             KinesisClient plain = KinesisClient.builder().endpointOverride(URI.create(server.httpEndpoint()))
                     .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                     .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build()).build()) {
            BenchStreams streams = new BenchStreams(plain);
            Map<String, String> env = new HashMap<>();
            env.put("AWS_ENDPOINT_URL_KINESIS", server.httpsEndpoint());
            env.put("AWS_REGION", "us-east-1");
            env.put("KPL_TEMP_DIRECTORY", work.resolve("kpl").toString());
            List<OutgoingTweet> warmup = SyntheticTweets.withSeed(seed + 1).take(500);
            for (int shards : new int[] {1, 4}) {
                // what the shards admit for these tweets: the byte limit, or the record limit for small ones
                double unaggregatedLimit = shards * Math.min(SHARD_RECORDS_PER_SECOND, SHARD_BYTES_PER_SECOND / average);
                double byteLimit = shards * SHARD_BYTES_PER_SECOND / average;
                for (String producer : new String[] {"kpl", "put-records"}) {
                    String stream = "bench-" + producer + "-" + shards;
                    streams.create(stream, shards);
                    streams.create(stream + "-warmup", shards);
                    double rate = run(producer, env, stream, tweets, warmup);
                    int stored = BenchStreams.deaggregate(streams.readAll(stream)).size();
                    double limit = producer.equals("kpl") ? byteLimit : unaggregatedLimit;
                    System.out.printf(Locale.ROOT, "%-11s %d shard(s): %6.0f user records/s = %.2f of the shard limit"
                                    + " (%.0f records/s for %.0f-byte tweets); %d of %d user records read back%n",
                            producer, shards, rate, rate / limit, limit, average, stored, count);
                }
            }
        }
    }

    /** Sends the tweets through the producer's TweetPump and returns user records acknowledged per second. */
    private static double run(String producer, Map<String, String> env, String stream, List<OutgoingTweet> tweets,
                              List<OutgoingTweet> warmup) {
        KinesisProducer kpl = null;
        RecordSink sink;
        RecordSink warm;
        PutRecordsSink putRecords = null;
        PutRecordsSink putRecordsWarm = null;
        if (producer.equals("kpl")) {
            KinesisProducerConfiguration config = KplSettings.fromEnvironment(env, CREDENTIALS);
            kpl = new KinesisProducer(config);
            sink = new KplSink(kpl, stream, KplSettings.outcomeDeadline(config));
            warm = new KplSink(kpl, stream + "-warmup", KplSettings.outcomeDeadline(config));
        } else {
            putRecords = PutRecordsClients.sink(env, stream, CREDENTIALS);
            putRecordsWarm = PutRecordsClients.sink(env, stream + "-warmup", CREDENTIALS);
            sink = putRecords;
            warm = putRecordsWarm;
        }
        try {
            TweetPump warming = new TweetPump(warm);
            warmup.forEach(warming::submit);
            warming.finish(Duration.ofMinutes(2));
            TweetPump pump = new TweetPump(sink);
            long start = System.nanoTime();
            tweets.forEach(pump::submit);
            TweetPump.Tally tally = pump.finish(Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (tally.failed() > 0) {
                System.out.printf(Locale.ROOT, "  %s: %d failed: %s%n", producer, tally.failed(), tally.errors());
            }
            return tally.sent() / seconds;
        } finally {
            if (kpl != null) {
                kpl.destroy();
            }
            if (putRecords != null) {
                putRecords.close();
                putRecordsWarm.close();
            }
        }
    }
}
