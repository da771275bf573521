package dev.streamproc.bench.producer;

import dev.streamproc.local.cloud.server.KinesisServer;
import dev.streamproc.model.kpl.UserRecord;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.TweetPump;
import dev.streamproc.producer.kinesis.KplSettings;
import dev.streamproc.producer.kinesis.KplSink;
import dev.streamproc.producer.synthetic.SyntheticTweets;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.producer.KinesisProducer;

/**
 * Puts the same synthetic tweets into two fresh streams of a local kinesis-local, (a) through the
 * producer's KPL path with aggregation and (b) with one synchronous SDK {@code PutRecord} call per
 * tweet, as the original Python producer did; checks both streams hold every user record with
 * the sent bytes, and prints user records/s for each and the ratio.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.streamproc.bench.producer.ProducerThroughputBench [--count 20000] [--shards 4] [--seed 2026]
 * </pre>
 *
 * Both paths talk HTTPS to the same server ({@code --putrecord-over http} for the plain port) and
 * first send 500 other tweets to a warm-up stream (JIT, TLS, class loading). PutRecord runs first
 * so that anything the server slows down with (its total data) counts against the KPL, not for it.
 * KPL start-up (~2 s, once per container) is reported but not in the KPL rate; the shard-map wait
 * of the measured stream's first record is.
 */
public final class ProducerThroughputBench {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static final int WARMUP = 500;

    private ProducerThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int count = Integer.parseInt(opts.getOrDefault("--count", "20000"));
        int shards = Integer.parseInt(opts.getOrDefault("--shards", "4"));
        long seed = Long.parseLong(opts.getOrDefault("--seed", "2026"));

        List<OutgoingTweet> tweets = SyntheticTweets.withSeed(seed).take(count);
        long bytes = tweets.stream().mapToLong(t -> t.data().length).sum();
        System.out.printf(Locale.ROOT, "%d synthetic tweets (seed %d), %.1f MB, average %d bytes; %d shards per stream%n",
                count, seed, bytes / 1e6, bytes / count, shards);

        Path work = Files.createTempDirectory("producer-bench");
        KinesisServer started = KinesisServer.start(work.resolve("kinesis"));
        Runtime.getRuntime().addShutdownHook(new Thread(started::close)); // also on Ctrl-C
        try (KinesisServer server = started;
             KinesisClient plain = client(server.httpEndpoint(), false);
             KinesisClient https = client(server.httpsEndpoint(), true)) {
            BenchStreams streams = new BenchStreams(plain);
            streams.create("bench-putrecord", shards);
            streams.create("bench-kpl", shards);
            streams.create("bench-warmup", shards);
            // Warm both clients' code paths (JIT, TLS, class loading) on a separate stream first.
            List<OutgoingTweet> warmup = SyntheticTweets.withSeed(seed + 1).take(WARMUP);

            boolean plainHttp = opts.getOrDefault("--putrecord-over", "https").equals("http");
            putRecordPerTweet(plainHttp ? plain : https, "bench-warmup", warmup);
            Result putRecord = putRecordPerTweet(plainHttp ? plain : https, "bench-putrecord", tweets);
            print("(b) SDK PutRecord per tweet ", putRecord, tweets.size());
            Result kpl = kplAggregated(server, work, "bench-kpl", tweets, warmup);
            print("(a) KPL with aggregation     ", kpl, -1);

            List<Record> putRecords = streams.readAll("bench-putrecord");
            List<Record> kplRecords = streams.readAll("bench-kpl");
            verify("PutRecord", putRecords, tweets);
            verify("KPL", kplRecords, tweets);

            System.out.println();
            print("(b) SDK PutRecord per tweet ", putRecord, putRecords.size());
            print("(a) KPL with aggregation     ", kpl, kplRecords.size());
            System.out.printf(Locale.ROOT, "KPL start-up (once per container, not in the rate): %d ms%n",
                    kpl.startupMillis());
            System.out.printf(Locale.ROOT, "ratio KPL / PutRecord: %.1fx%n", kpl.rate() / putRecord.rate());
        }
    }

    record Result(long sent, long failed, double seconds, long startupMillis) {
        double rate() {
            return sent / seconds;
        }
    }

    /** The old producer: one blocking PutRecord per tweet, partition key = tweet id. */
    static Result putRecordPerTweet(KinesisClient kinesis, String stream, List<OutgoingTweet> tweets) {
        long failed = 0;
        long start = System.nanoTime();
        long lastReport = start;
        int done = 0;
        for (OutgoingTweet t : tweets) {
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "  PutRecord: %d of %d after %.0f s%n", done, tweets.size(),
                        (lastReport - start) / 1e9);
            }
            done++;
            try {
                kinesis.putRecord(r -> r.streamName(stream).partitionKey(t.partitionKey())
                        .data(SdkBytes.fromByteBuffer(ByteBuffer.wrap(t.data()))));
            } catch (RuntimeException e) {
                failed++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(tweets.size() - failed, failed, seconds, 0);
    }

    /** The producer's path: TweetPump → KplSink → KPL (aggregation on), waiting for every outcome. */
    static Result kplAggregated(KinesisServer server, Path work, String stream, List<OutgoingTweet> tweets,
                                List<OutgoingTweet> warmup) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL_KINESIS", server.httpsEndpoint());
        env.put("AWS_REGION", "us-east-1");
        env.put("KPL_TEMP_DIRECTORY", work.resolve("kpl").toString());
        // kinesis-local on a busy machine can take longer than KPL's 6 s defaults to accept a connection or
        // answer a 1 MB PutRecords; fewer, patient connections instead of timeouts, retries and expiry.
        env.put("KPL_CONNECT_TIMEOUT_MS", "30000");
        env.put("KPL_REQUEST_TIMEOUT_MS", "60000");
        env.put("KPL_RECORD_TTL_MS", "600000");
        env.put("KPL_MAX_CONNECTIONS", "4");
        long constructStart = System.nanoTime();
        KinesisProducer producer = new KinesisProducer(KplSettings.fromEnvironment(env, CREDENTIALS));
        long startup = (System.nanoTime() - constructStart) / 1_000_000;
        try {
            TweetPump warm = new TweetPump(new KplSink(producer, "bench-warmup"));
            warmup.forEach(warm::submit);
            warm.finish(Duration.ofMinutes(1));
            TweetPump pump = new TweetPump(new KplSink(producer, stream));
            long start = System.nanoTime();
            for (OutgoingTweet t : tweets) {
                pump.submit(t);
            }
            TweetPump.Tally tally = pump.finish(Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(tally.sent(), tally.failed(), seconds, startup);
        } finally {
            producer.destroy();
        }
    }

    /** Every tweet is in the stream (by id and kind) with exactly the bytes sent. */
    static void verify(String label, List<Record> records, List<OutgoingTweet> tweets) {
        Map<String, byte[]> sent = new HashMap<>();
        tweets.forEach(t -> sent.put(identity(t.partitionKey(), t.data()), t.data()));
        if (sent.size() != tweets.size()) {
            throw new IllegalStateException("the generated tweets are not all distinct");
        }
        List<UserRecord> users = BenchStreams.deaggregate(records);
        Set<String> found = new HashSet<>();
        for (UserRecord u : users) {
            String id = identity(u.partitionKey(), u.data());
            byte[] expected = sent.get(id);
            if (expected == null || !Arrays.equals(expected, u.data())) {
                throw new IllegalStateException(label + ": stream holds a record that was not sent: " + id);
            }
            found.add(id);
        }
        if (found.size() != tweets.size()) {
            throw new IllegalStateException(label + ": " + found.size() + " of " + tweets.size()
                    + " tweets arrived");
        }
        System.out.printf(Locale.ROOT, "verified %s: all %d user records present (%d Kinesis records, %d duplicates)%n",
                label, tweets.size(), records.size(), users.size() - found.size());
    }

    /**
     * A tweet is identified by its id; a delete notice is keyed by the tweet it deletes and the
     * same tweet may be deleted twice, so records are told apart by key and content.
     */
    private static String identity(String partitionKey, byte[] data) {
        return partitionKey + "/" + data.length + "/" + Arrays.hashCode(data);
    }

    private static void print(String label, Result r, int kinesisRecords) {
        System.out.printf(Locale.ROOT, "%s: %d user records in %.2f s = %.0f user records/s (%d failed%s)%n",
                label, r.sent(), r.seconds(), r.rate(), r.failed(),
                kinesisRecords < 0 ? "" : ", " + kinesisRecords + " Kinesis records");
    }

    private static KinesisClient client(String endpoint, boolean trustSelfSigned) {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60));
        if (trustSelfSigned) { // kinesis-local's certificate is self-signed; loopback only
            http.tlsTrustManagersProvider(() -> new TrustManager[] {new TrustAll()});
        }
        return KinesisClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(http.build()).build();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            out.put(args[i], args[i + 1]);
        }
        return out;
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
