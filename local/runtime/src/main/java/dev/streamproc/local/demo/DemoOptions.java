package dev.streamproc.local.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one demo run does ({@code streamproc demo --help} lists the options that set it).
 * {@code start} is the created_at of the first synthetic tweet: the run's own start, so the Athena queries'
 * "last N hours" windows hold the demo's tweets (and tests regenerate the same tweets from seed and start).
 *
 * @param duration     produce for this long instead of a count (then {@code tweets} is unbounded); null = by count
 * @param summaryJson  also write the figures here; null = not
 * @param dataDir      where the run's files go; null = {@code .streamproc} under the project
 * @param producer     {@link #KPL} (the KPL, aggregated) or {@link #PUT_RECORDS} (SDK PutRecords): the producer CLI's {@code --producer}
 * @param acceptRejected a run whose source could not use some of its input still passes ({@link SourceVerdict})
 */
public record DemoOptions(long tweets, Duration duration, double rate, String source, long seed, int malformed, int notices,
                          boolean keep, Path summaryJson, boolean verbose, Path dataDir, Duration drainTimeout,
                          Instant start, boolean acceptRejected, String producer) {

    public static final String KPL = "kpl";
    public static final String PUT_RECORDS = "put-records";

    /** 2000 synthetic tweets at 500/s, seed 42, 5 malformed records and 3 notices, drained within 3 minutes. */
    public static DemoOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder().tweets(tweets).duration(duration).rate(rate).source(source).seed(seed).malformed(malformed)
                .notices(notices).keep(keep).summaryJson(summaryJson).verbose(verbose).dataDir(dataDir).drainTimeout(drainTimeout)
                .start(start).acceptRejected(acceptRejected).producer(producer);
    }

    /** The producer CLI's source arguments. */
    public List<String> producerArguments() {
        List<String> args = new ArrayList<>(List.of("--producer", producer, "--source", source, "--rate", plain(rate), "--seed", Long.toString(seed),
                "--start", start.toString()));
        if (duration != null) {
            args.addAll(List.of("--duration", duration.toMillis() + "ms"));
        } else {
            args.addAll(List.of("--count", Long.toString(tweets)));
        }
        return args;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Starts from the defaults; each setter names what it sets. */
    public static final class Builder {
        private long tweets = 2000;
        private Duration duration;
        private double rate = 500;
        private String source = "synthetic";
        private long seed = 42;
        private int malformed = 5;
        private int notices = 3;
        private boolean keep;
        private Path summaryJson;
        private boolean verbose;
        private Path dataDir;
        private Duration drainTimeout = Duration.ofMinutes(3);
        private Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        private boolean acceptRejected;
        private String producer = KPL;

        private Builder() {
        }

        public Builder tweets(long value) {
            tweets = value;
            return this;
        }

        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        /** Tweets per second; 0 = as fast as the stream takes them. */
        public Builder rate(double value) {
            rate = value;
            return this;
        }

        /** {@code synthetic} or {@code replay:FILE}. */
        public Builder source(String value) {
            source = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Malformed records put on the stream beside the tweets. */
        public Builder malformed(int value) {
            malformed = value;
            return this;
        }

        /** Stream notices (limit, scrub_geo, ...) put beside them. */
        public Builder notices(int value) {
            notices = value;
            return this;
        }

        public Builder keep(boolean value) {
            keep = value;
            return this;
        }

        public Builder summaryJson(Path value) {
            summaryJson = value;
            return this;
        }

        public Builder verbose(boolean value) {
            verbose = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder drainTimeout(Duration value) {
            drainTimeout = value;
            return this;
        }

        public Builder start(Instant value) {
            start = value;
            return this;
        }

        public Builder acceptRejected(boolean value) {
            acceptRejected = value;
            return this;
        }

        /** {@code kpl} or {@code put-records}. */
        public Builder producer(String value) {
            if (!KPL.equals(value) && !PUT_RECORDS.equals(value)) {
                throw new IllegalArgumentException("the producer is kpl or put-records, not '" + value + "'");
            }
            producer = value;
            return this;
        }

        public DemoOptions build() {
            return new DemoOptions(tweets, duration, rate, source, seed, malformed, notices, keep, summaryJson, verbose, dataDir,
                    drainTimeout, start, acceptRejected, producer);
        }
    }
}
