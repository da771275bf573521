package dev.streamproc.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.ProducerSettings;
import dev.streamproc.producer.TweetPump;
import dev.streamproc.producer.kinesis.KplSettings;
import dev.streamproc.producer.kinesis.KplSink;
import dev.streamproc.producer.replay.ReplaySource;
import dev.streamproc.producer.source.SourceIssues;
import dev.streamproc.producer.source.SourceState;
import dev.streamproc.producer.source.TweetSource;
import dev.streamproc.producer.source.TweetSources;
import dev.streamproc.producer.ssm.SecretParameters;
import dev.streamproc.producer.synthetic.SyntheticSource;
import dev.streamproc.producer.synthetic.SyntheticTweets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.kinesis.producer.KinesisProducer;

/**
 * Runs the producer loop outside Lambda, against any stream, for load tests and the local demo:
 * <pre>
 * java -cp producer/target/producer-lambda.jar dev.streamproc.producer.cli.ProducerCli \
 *      --stream tweets --source synthetic --rate 500 --count 10000 --seed 7 --summary-json out.json
 * </pre>
 * Prints a progress line every second and a final {@code summary:} line; exit status 0 only
 * when every record was acknowledged.
 */
public final class ProducerCli {

    private static final Duration FINISH_BOUND = Duration.ofSeconds(60);

    private ProducerCli() {
    }

    public static void main(String[] args) {
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(CliOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        try {
            Map<String, Object> summary = run(options, System.getenv());
            System.exit(((Number) summary.get("failed")).longValue() == 0 ? 0 : 1);
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the loop and returns the summary (also printed, and written as JSON when asked). */
    static Map<String, Object> run(CliOptions options, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        options.endpoint().ifPresent(url -> env.put("AWS_ENDPOINT_URL_KINESIS", url));
        TweetSource source = source(options, env);
        long constructStart = System.nanoTime();
        KinesisProducer kpl = new KinesisProducer(KplSettings.fromEnvironment(env));
        System.out.printf(Locale.ROOT, "KPL started in %d ms; sending to stream %s from %s%n",
                (System.nanoTime() - constructStart) / 1_000_000, options.stream(), source.name());
        TweetPump pump = new TweetPump(new KplSink(kpl, options.stream()));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long[] last = {0, start};
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long sent = pump.sentSoFar();
            double rate = (sent - last[0]) / ((now - last[1]) / 1e9);
            last[0] = sent;
            last[1] = now;
            System.out.printf(Locale.ROOT, "progress: submitted=%d sent=%d failed=%d pending=%d rate=%.0f rec/s%n",
                    pump.submittedSoFar(), sent, pump.failedSoFar(), pump.pending(), rate);
        }, options.progressEvery().toMillis(), options.progressEvery().toMillis(), TimeUnit.MILLISECONDS);
        long rejected = 0;
        try {
            long deadline = options.duration().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
            Pacer pacer = new Pacer(options.rate());
            SourceState state = SourceState.empty();
            long submitted = 0;
            outer:
            while (submitted < options.count() && System.nanoTime() < deadline) {
                Iterator<OutgoingTweet> batch = source.nextBatch(state);
                if (!batch.hasNext()) {
                    break; // replay at its end, or the API has nothing new
                }
                while (batch.hasNext()) {
                    if (submitted >= options.count() || System.nanoTime() >= deadline) {
                        break outer;
                    }
                    pacer.awaitTurn();
                    pump.submit(batch.next());
                    submitted++;
                }
                SourceIssues issues = source.issues();
                rejected += issues.rejected();
                issues.errors().forEach(line -> System.out.println("source: " + line));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ticker.shutdownNow();
        }
        TweetPump.Tally tally = pump.finish(FINISH_BOUND);
        kpl.destroy();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("stream", options.stream());
        summary.put("source", source.name());
        summary.put("submitted", tally.submitted());
        summary.put("sent", tally.sent());
        summary.put("failed", tally.failed());
        summary.put("unconfirmed", tally.unconfirmed());
        summary.put("retried", tally.retried());
        summary.put("rejected", rejected);
        summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
        summary.put("recordsPerSecond", Math.round(tally.sent() / Math.max(seconds, 1e-9)));
        summary.put("perTopic", tally.perTopic());
        summary.put("errors", tally.errors());
        System.out.printf(Locale.ROOT, "summary: sent=%d failed=%d rejected=%d seconds=%.1f rate=%d rec/s%n",
                tally.sent(), tally.failed(), rejected, seconds, summary.get("recordsPerSecond"));
        tally.errors().forEach(line -> System.out.println("error: " + line));
        options.summaryJson().ifPresent(file -> write(file, summary));
        return summary;
    }

    private static TweetSource source(CliOptions options, Map<String, String> env) {
        String s = options.source();
        if (s.equals(TweetSources.SYNTHETIC)) {
            return new SyntheticSource(SyntheticTweets.withSeed(options.seed()).startingAt(options.start()), Long.MAX_VALUE);
        }
        if (s.startsWith(TweetSources.REPLAY + ":")) {
            return new ReplaySource(Path.of(s.substring(TweetSources.REPLAY.length() + 1)),
                    options.topic().orElse(null), Long.MAX_VALUE);
        }
        if (s.equals(TweetSources.TWITTER4J) || s.equals(TweetSources.X_API_V2)) {
            Map<String, String> withSource = new HashMap<>(env);
            withSource.put("STREAM_NAME", options.stream());
            withSource.put("TWEET_SOURCE", s);
            ProducerSettings settings = ProducerSettings.fromEnvironment(withSource);
            return TweetSources.create(settings, () -> new SecretParameters(
                    SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build()));
        }
        throw new CliOptions.UsageException("--source must be synthetic, replay:FILE, twitter4j or x-api-v2; got " + s);
    }

    private static void write(Path file, Map<String, Object> summary) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
