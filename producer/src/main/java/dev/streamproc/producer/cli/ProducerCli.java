package dev.streamproc.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamproc.producer.FinishBudget;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.ProducerSettings;
import dev.streamproc.producer.RecordSink;
import dev.streamproc.producer.TweetPump;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

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

    /** Exit status when the source yielded nothing to send: a run that did nothing is not a success. */
    static final int EXIT_NOTHING_SENT = 3;
    /** After an interrupt (Ctrl-C, SIGTERM), how long outcomes are still awaited before the summary. */
    private static final Duration INTERRUPTED_FINISH = Duration.ofSeconds(10);

    private ProducerCli() {
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) { // before the first logger: plain lines
            System.setProperty("log4j2.configurationFile", "log4j2-cli.xml");
        }
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (CliOptions.UsageException e) {
            if (e.getMessage() == null) { // --help
                System.out.print(CliOptions.usage());
                System.exit(0);
            }
            System.err.println("error: " + e.getMessage() + " (--help lists the options)");
            System.exit(2);
            return;
        }
        StopSignal stop = StopSignal.onShutdown();
        int status;
        try {
            status = exitStatus(run(options, System.getenv(), stop));
        } catch (CliOptions.UsageException e) {
            System.err.println("error: " + e.getMessage() + " (--help lists the options)");
            status = 2;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            status = 1;
        } finally {
            stop.done();
        }
        System.exit(status);
    }

    /** 0 only when something was sent and nothing failed. */
    static int exitStatus(Map<String, Object> summary) {
        if (((Number) summary.get("failed")).longValue() > 0) {
            return 1;
        }
        return ((Number) summary.get("submitted")).longValue() == 0 ? EXIT_NOTHING_SENT : 0;
    }

    static Map<String, Object> run(CliOptions options, Map<String, String> environment) {
        return run(options, environment, StopSignal.never());
    }

    /** Runs the loop and returns the summary (also printed, and written as JSON when asked). */
    static Map<String, Object> run(CliOptions options, Map<String, String> environment, StopSignal stop) {
        Map<String, String> env = new HashMap<>(environment);
        options.endpoint().ifPresent(url -> env.put("AWS_ENDPOINT_URL_KINESIS", url));
        TweetSource source = source(options, env);
        long constructStart = System.nanoTime();
        StreamWriter writer = StreamWriter.open(options.producer(), env, options.stream());
        System.out.printf(Locale.ROOT, "%s started in %d ms; sending to stream %s from %s%n", writer.name(),
                (System.nanoTime() - constructStart) / 1_000_000, options.stream(), source.name());
        RecordSink sink = writer.sink();
        TweetPump pump = new TweetPump(sink);
        long start = System.nanoTime();
        ProgressTicker ticker = ProgressTicker.start(pump, options.progressEvery(), System.out);
        long rejected = 0;
        List<String> sourceErrors = new ArrayList<>();
        Duration bound;
        try {
            long deadline = options.duration().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
            Pacer pacer = new Pacer(options.rate());
            SourceState state = SourceState.empty();
            long submitted = 0;
            outer:
            while (submitted < options.count() && System.nanoTime() < deadline && !stop.requested()) {
                Iterator<OutgoingTweet> batch = source.nextBatch(state);
                boolean empty = !batch.hasNext();
                while (batch.hasNext()) {
                    if (submitted >= options.count() || System.nanoTime() >= deadline || stop.requested()) {
                        break;
                    }
                    pacer.awaitTurn();
                    pump.submit(batch.next());
                    submitted++;
                }
                SourceIssues issues = source.issues(); // also after an empty batch: it may be all rejections
                rejected += issues.rejected();
                for (String line : issues.errors()) {
                    System.out.println("source: " + line);
                    if (sourceErrors.size() < 20) {
                        sourceErrors.add(line);
                    }
                }
                if (empty) {
                    break; // replay at its end, or the API has nothing new
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            bound = stop.requested() ? INTERRUPTED_FINISH
                    : FinishBudget.forPending(pump.pending(), (pump.sentSoFar() + pump.failedSoFar()) / seconds,
                    sink.outcomeDeadline());
        }
        if (pump.pending() > 0) {
            System.out.printf(Locale.ROOT, "waiting up to %d s for the outcome of %d pending records%n",
                    bound.toSeconds(), pump.pending());
        }
        TweetPump.Tally tally = pump.finish(bound);
        ticker.stop(); // after the last outcome: the live line never freezes while records drain
        writer.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("stream", options.stream());
        summary.put("source", source.name());
        summary.put("producer", options.producer());
        summary.put("submitted", tally.submitted());
        summary.put("sent", tally.sent());
        summary.put("failed", tally.failed());
        summary.put("unconfirmed", tally.unconfirmed());
        summary.put("retried", tally.retried());
        summary.put("possibleDuplicates", tally.possibleDuplicates());
        summary.put("rejected", rejected);
        summary.put("interrupted", stop.requested());
        summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
        summary.put("recordsPerSecond", Math.round(tally.sent() / Math.max(seconds, 1e-9)));
        summary.put("perTopic", tally.perTopic());
        List<String> errors = new ArrayList<>(sourceErrors);
        errors.addAll(tally.errors());
        if (tally.submitted() == 0) {
            errors.add(rejected > 0 ? "the source yielded no tweet: all " + rejected + " input items were rejected"
                    : "the source yielded no tweet");
        }
        summary.put("errors", errors);
        System.out.printf(Locale.ROOT, "summary: submitted=%d sent=%d failed=%d rejected=%d possible-duplicates=%d"
                        + " seconds=%.1f rate=%d rec/s%s%n",
                tally.submitted(), tally.sent(), tally.failed(), rejected, tally.possibleDuplicates(), seconds,
                summary.get("recordsPerSecond"), stop.requested() ? " (interrupted)" : "");
        tally.errors().forEach(line -> System.out.println("error: " + line));
        if (tally.submitted() == 0) {
            System.out.println("error: " + errors.get(errors.size() - 1));
        }
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
