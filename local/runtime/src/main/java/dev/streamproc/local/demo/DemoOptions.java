package dev.streamproc.local.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * {@code streamproc demo [--tweets N | --duration D] [--rate R] [--source synthetic|replay:FILE] [--seed S]
 * [--malformed K] [--notices M] [--keep] [--summary-json FILE] [--verbose] [--data-dir DIR] [--drain-timeout D]}.
 * {@code start} is the created_at of the first synthetic tweet: the run's own start, so the Athena queries'
 * "last N hours" windows hold the demo's tweets (and tests regenerate the same tweets from seed and start).
 */
public record DemoOptions(long tweets, Duration duration, double rate, String source, long seed, int malformed, int notices,
                          boolean keep, Path summaryJson, boolean verbose, Path dataDir, Duration drainTimeout,
                          Instant start) {

    public static final String USAGE = """
            usage: streamproc demo [options]
              --tweets N          tweets the producer sends (default 2000)
              --duration D        or: produce for D (e.g. 30s, 2m) instead of a count
              --rate R            tweets per second, 0 = as fast as the stream takes them (default 500)
              --source S          synthetic (default) | replay:FILE
              --seed S            synthetic seed (default 42)
              --malformed K       malformed records put beside the tweets (default 5)
              --notices M         stream notices (limit, scrub_geo, ...) put beside them (default 3)
              --keep              leave everything running afterwards (Ctrl-C stops it)
              --summary-json F    also write the figures as JSON
              --verbose           echo the functions' logs
              --data-dir DIR      where the run's files go (default .streamproc under the project)
              --drain-timeout D   give up waiting for the pipeline to drain after D (default 3m)
            Exit status 0 only when every record is accounted for.""";

    public static DemoOptions defaults() {
        return new DemoOptions(2000, null, 500, "synthetic", 42, 5, 3, false, null, false, null, Duration.ofMinutes(3),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    public static DemoOptions parse(List<String> args) {
        DemoOptions o = defaults();
        boolean tweetsGiven = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--tweets" -> {
                    o = o.withTweets(positiveLong(arg, value(args, ++i, arg)));
                    tweetsGiven = true;
                }
                case "--duration" -> o = new DemoOptions(o.tweets, duration(arg, value(args, ++i, arg)), o.rate, o.source, o.seed,
                        o.malformed, o.notices, o.keep, o.summaryJson, o.verbose, o.dataDir, o.drainTimeout, o.start);
                case "--rate" -> o = new DemoOptions(o.tweets, o.duration, nonNegative(arg, value(args, ++i, arg)), o.source, o.seed,
                        o.malformed, o.notices, o.keep, o.summaryJson, o.verbose, o.dataDir, o.drainTimeout, o.start);
                case "--source" -> o = new DemoOptions(o.tweets, o.duration, o.rate, source(value(args, ++i, arg)), o.seed,
                        o.malformed, o.notices, o.keep, o.summaryJson, o.verbose, o.dataDir, o.drainTimeout, o.start);
                case "--seed" -> o = new DemoOptions(o.tweets, o.duration, o.rate, o.source, longValue(arg, value(args, ++i, arg)),
                        o.malformed, o.notices, o.keep, o.summaryJson, o.verbose, o.dataDir, o.drainTimeout, o.start);
                case "--malformed" -> o = o.withBadInput((int) nonNegative(arg, value(args, ++i, arg)), o.notices);
                case "--notices" -> o = o.withBadInput(o.malformed, (int) nonNegative(arg, value(args, ++i, arg)));
                case "--keep" -> o = new DemoOptions(o.tweets, o.duration, o.rate, o.source, o.seed, o.malformed, o.notices, true,
                        o.summaryJson, o.verbose, o.dataDir, o.drainTimeout, o.start);
                case "--summary-json" -> o = new DemoOptions(o.tweets, o.duration, o.rate, o.source, o.seed, o.malformed, o.notices,
                        o.keep, Path.of(value(args, ++i, arg)), o.verbose, o.dataDir, o.drainTimeout, o.start);
                case "--verbose" -> o = new DemoOptions(o.tweets, o.duration, o.rate, o.source, o.seed, o.malformed, o.notices, o.keep,
                        o.summaryJson, true, o.dataDir, o.drainTimeout, o.start);
                case "--data-dir" -> o = o.withDataDir(Path.of(value(args, ++i, arg)));
                case "--drain-timeout" -> o = new DemoOptions(o.tweets, o.duration, o.rate, o.source, o.seed, o.malformed, o.notices,
                        o.keep, o.summaryJson, o.verbose, o.dataDir, duration(arg, value(args, ++i, arg)), o.start);
                default -> throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
        }
        if (tweetsGiven && o.duration != null) {
            throw new IllegalArgumentException("give --tweets or --duration, not both");
        }
        if (o.duration != null) {
            o = o.withTweets(Long.MAX_VALUE);
        }
        return o;
    }

    public DemoOptions withTweets(long n) {
        return new DemoOptions(n, duration, rate, source, seed, malformed, notices, keep, summaryJson, verbose, dataDir, drainTimeout, start);
    }

    public DemoOptions withRate(double r) {
        return new DemoOptions(tweets, duration, r, source, seed, malformed, notices, keep, summaryJson, verbose, dataDir, drainTimeout, start);
    }

    public DemoOptions withSeed(long s) {
        return new DemoOptions(tweets, duration, rate, source, s, malformed, notices, keep, summaryJson, verbose, dataDir, drainTimeout, start);
    }

    public DemoOptions withBadInput(int k, int m) {
        return new DemoOptions(tweets, duration, rate, source, seed, k, m, keep, summaryJson, verbose, dataDir, drainTimeout, start);
    }

    public DemoOptions withDataDir(Path dir) {
        return new DemoOptions(tweets, duration, rate, source, seed, malformed, notices, keep, summaryJson, verbose, dir, drainTimeout, start);
    }

    /** The producer CLI's source arguments. */
    List<String> producerArguments() {
        List<String> args = new java.util.ArrayList<>(List.of("--source", source, "--rate", plain(rate), "--seed", Long.toString(seed),
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

    private static String source(String value) {
        if (!value.equals("synthetic") && !value.startsWith("replay:")) {
            throw new IllegalArgumentException("--source must be synthetic or replay:FILE, not '" + value + "'");
        }
        if (value.startsWith("replay:") && !java.nio.file.Files.isRegularFile(Path.of(value.substring("replay:".length())))) {
            throw new IllegalArgumentException("replay file not found: " + value.substring("replay:".length()));
        }
        return value;
    }

    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " needs a duration such as 500ms, 30s, 2m; not '" + text + "'");
        }
    }

    private static long positiveLong(String option, String text) {
        long n = longValue(option, text);
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return n;
    }

    private static long longValue(String option, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + text + "'");
        }
    }

    private static double nonNegative(String option, String text) {
        try {
            double d = Double.parseDouble(text.trim());
            if (d < 0 || Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number >= 0, not '" + text + "'");
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
