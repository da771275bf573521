package dev.streamproc.producer.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parsed command line of {@link ProducerCli}; a bad option is a usage error with one clear line. */
record CliOptions(String stream, String source, double rate, long count, Optional<Duration> duration, long seed,
                  Optional<String> topic, Optional<Path> summaryJson, Optional<String> endpoint,
                  Duration progressEvery, Instant start, String producer) {

    static final String KPL = "kpl";
    static final String PUT_RECORDS = "put-records";

    static final String USAGE = """
            usage: java -cp producer-lambda.jar dev.streamproc.producer.cli.ProducerCli --stream NAME [options]
              --source S         synthetic (default) | replay:FILE | twitter4j | x-api-v2
              --producer P       kpl (default: KPL with aggregation) | put-records (SDK PutRecords)
              --rate R           records per second, 0 = as fast as possible (default 0)
              --count N          stop after N records (default: synthetic 1000, others: until the source is dry)
              --duration D       stop after D (e.g. 30s, 5m, 500ms)
              --seed S           synthetic seed (default 42)
              --start T          synthetic created_at of the first tweet, ISO-8601 or 'now' (default now)
              --topic T          topic added to replayed tweets that have none
              --summary-json F   also write the final summary as JSON to F
              --endpoint URL     Kinesis endpoint (https), same as AWS_ENDPOINT_URL_KINESIS
              --progress D       progress line interval (default 1s)
            Credentials, region and other endpoints come from the usual AWS variables;
            twitter4j / x-api-v2 read their secrets from SSM (TWITTER_PARAMETER_PREFIX, default /twitter).""";

    static CliOptions parse(String[] args) {
        String stream = null;
        String source = "synthetic";
        double rate = 0;
        Long count = null;
        Duration duration = null;
        long seed = 42;
        String topic = null;
        Path summary = null;
        String endpoint = null;
        Duration progress = Duration.ofSeconds(1);
        Instant start = Instant.now();
        String producer = KPL;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new UsageException(null);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--stream" -> stream = value;
                case "--source" -> source = value;
                case "--rate" -> rate = number(option, value);
                case "--count" -> count = (long) number(option, value);
                case "--duration" -> duration = duration(option, value);
                case "--seed" -> seed = (long) number(option, value);
                case "--topic" -> topic = value;
                case "--summary-json" -> summary = Path.of(value);
                case "--endpoint" -> endpoint = value;
                case "--progress" -> progress = duration(option, value);
                case "--start" -> start = instant(option, value);
                case "--producer" -> producer = value;
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if (stream == null || stream.isBlank()) {
            throw new UsageException("--stream is required");
        }
        if (!producer.equals(KPL) && !producer.equals(PUT_RECORDS)) {
            throw new UsageException("--producer must be kpl or put-records, got '" + producer + "'");
        }
        if (rate < 0) {
            throw new UsageException("--rate must be >= 0");
        }
        if (count == null) {
            count = source.equals("synthetic") && duration == null ? 1_000L : Long.MAX_VALUE;
        }
        return new CliOptions(stream, source, rate, count, Optional.ofNullable(duration), seed,
                Optional.ofNullable(topic), Optional.ofNullable(summary), Optional.ofNullable(endpoint), progress, start, producer);
    }

    private static Instant instant(String option, String value) {
        if (value.equals("now")) {
            return Instant.now();
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be 'now' or an ISO-8601 instant like 2026-11-23T10:00:00Z, got '" + value + "'");
        }
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, got '" + value + "'");
        }
    }

    static Duration duration(String option, String value) {
        String v = value.trim().toLowerCase();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            }
            if (v.endsWith("h")) {
                return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 3_600_000));
            }
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a duration like 30s, 5m or 500ms, got '" + value + "'");
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
