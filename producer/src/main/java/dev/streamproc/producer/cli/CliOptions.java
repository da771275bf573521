package dev.streamproc.producer.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Parsed command line of {@link ProducerCli}; a bad option is a usage error with one clear line. */
record CliOptions(String stream, String source, double rate, long count, Optional<Duration> duration, long seed,
                  Optional<String> topic, Optional<Path> summaryJson, Optional<String> endpoint,
                  Duration progressEvery, Instant start, String producer) {

    static final String KPL = "kpl";
    static final String PUT_RECORDS = "put-records";

    /** The options as picocli declares them; {@link #toOptions()} applies the defaults that depend on each other. */
    @Command(name = "producer", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Sends tweets to a Kinesis stream with the KPL or SDK PutRecords, prints progress every"
                    + " second and a final summary; exit 0 only when every record was acknowledged (3: nothing to send).",
            footer = {"Credentials, region and other endpoints come from the usual AWS variables;",
                    "twitter4j / x-api-v2 read their secrets from SSM (TWITTER_PARAMETER_PREFIX, default /twitter)."})
    static final class Command_ {
        @Option(names = "--stream", required = true, paramLabel = "NAME", description = "the Kinesis stream")
        String stream;
        @Option(names = "--source", paramLabel = "S", defaultValue = "synthetic",
                description = "synthetic (default) | replay:FILE | twitter4j | x-api-v2")
        String source;
        @Option(names = "--producer", paramLabel = "P", defaultValue = KPL,
                description = "kpl (default: KPL with aggregation) | put-records (SDK PutRecords)")
        String producer;
        @Option(names = "--rate", paramLabel = "R", defaultValue = "0",
                description = "records per second, 0 = as fast as possible (default 0)")
        double rate;
        @Option(names = "--count", paramLabel = "N",
                description = "stop after N records (default: synthetic 1000, others: until the source is dry)")
        Long count;
        @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
                description = "stop after D (e.g. 30s, 5m, 500ms)")
        Duration duration;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "synthetic seed (default 42)")
        long seed;
        @Option(names = "--start", paramLabel = "T", defaultValue = "now", converter = InstantConverter.class,
                description = "synthetic created_at of the first tweet, ISO-8601 or 'now' (default now)")
        Instant start;
        @Option(names = "--topic", paramLabel = "T", description = "topic added to replayed tweets that have none")
        String topic;
        @Option(names = "--summary-json", paramLabel = "F", description = "also write the final summary as JSON to F")
        Path summaryJson;
        @Option(names = "--endpoint", paramLabel = "URL", description = "Kinesis endpoint (https for the KPL), same as AWS_ENDPOINT_URL_KINESIS")
        String endpoint;
        @Option(names = "--progress", paramLabel = "D", defaultValue = "1s", converter = DurationConverter.class,
                description = "progress line interval (default 1s)")
        Duration progress;

        CliOptions toOptions(CommandLine line) {
            if (stream.isBlank()) {
                throw new CommandLine.ParameterException(line, "--stream must not be empty");
            }
            if (!producer.equals(KPL) && !producer.equals(PUT_RECORDS)) {
                throw new CommandLine.ParameterException(line, "--producer must be kpl or put-records, got '" + producer + "'");
            }
            if (rate < 0) {
                throw new CommandLine.ParameterException(line, "--rate must be >= 0");
            }
            if (!source.equals("synthetic") && !source.equals("twitter4j") && !source.equals("x-api-v2")
                    && !(source.startsWith("replay:") && source.length() > "replay:".length())) {
                throw new CommandLine.ParameterException(line,
                        "--source must be synthetic, replay:FILE, twitter4j or x-api-v2; got '" + source + "'");
            }
            long n = count != null ? count : source.equals("synthetic") && duration == null ? 1_000L : Long.MAX_VALUE;
            return new CliOptions(stream, source, rate, n, Optional.ofNullable(duration), seed, Optional.ofNullable(topic),
                    Optional.ofNullable(summaryJson), Optional.ofNullable(endpoint), progress, start, producer);
        }
    }

    static CommandLine commandLine(Command_ command) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Parses without exiting: usage errors throw {@link UsageException} with one line (tests, {@link ProducerCli}). */
    static CliOptions parse(String[] args) {
        Command_ command = new Command_();
        CommandLine line = commandLine(command);
        try {
            line.parseArgs(args);
            if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
                throw new UsageException(null);
            }
            return command.toOptions(line);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String usage() {
        return commandLine(new Command_()).getUsageMessage();
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }

    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            if (value.equals("now")) {
                return Instant.now();
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "must be 'now' or an ISO-8601 instant like 2026-11-23T10:00:00Z, got '" + value + "'");
            }
        }
    }

    static Duration duration(String value) {
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
            throw new CommandLine.TypeConversionException("must be a duration like 30s, 5m or 500ms, got '" + value + "'");
        }
    }

    /** A usage error (one line), or a help request (null message). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
