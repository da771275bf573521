package dev.streamproc.local.esm;

import dev.streamproc.local.stream.StartPosition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One event source mapping as configured in the template (a function's {@code Kinesis} or {@code DynamoDB}
 * event), with AWS's defaults, plus the few local knobs (idle poll interval, retry delay) tests shorten.
 */
public record EsmSettings(
        String functionId,
        String functionArn,
        String streamArn,
        int batchSize,
        Duration maximumBatchingWindow,
        StartPosition startingPosition,
        int maximumRetryAttempts,
        int maximumRecordAgeSeconds,
        boolean bisectBatchOnFunctionError,
        boolean reportBatchItemFailures,
        int parallelizationFactor,
        String onFailureDestination,
        boolean enabled,
        int tumblingWindowSeconds,
        Duration idlePollInterval,
        Duration retryDelay,
        int maxPayloadBytes) {

    /** Lambda's synchronous invocation payload limit. */
    public static final int SIX_MB = 6 * 1024 * 1024;
    public static final Duration LAMBDA_IDLE_POLL = Duration.ofSeconds(1);

    public EsmSettings {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("BatchSize must be 1..10000, was " + batchSize);
        }
        if (parallelizationFactor < 1 || parallelizationFactor > 10) {
            throw new IllegalArgumentException("ParallelizationFactor must be 1..10, was " + parallelizationFactor);
        }
        if (maximumRetryAttempts < -1 || maximumRetryAttempts > 10_000) {
            throw new IllegalArgumentException("MaximumRetryAttempts must be -1..10000, was " + maximumRetryAttempts);
        }
        if (maximumRecordAgeSeconds < -1 || maximumRecordAgeSeconds > 604_800) {
            throw new IllegalArgumentException("MaximumRecordAgeInSeconds must be -1..604800, was " + maximumRecordAgeSeconds);
        }
        TumblingWindow.checkSeconds(tumblingWindowSeconds);
        if (tumblingWindowSeconds > 0 && parallelizationFactor > 1) {
            // A window's state belongs to its shard, so AWS takes a tumbling window only with ParallelizationFactor 1
            // (terraform-aws-modules/terraform-aws-lambda#619 reports the API's refusal).
            throw new IllegalArgumentException("TumblingWindowInSeconds needs ParallelizationFactor 1, was " + parallelizationFactor);
        }
    }

    /** The tumbling window's size, or null when the mapping has none. */
    public Duration tumblingWindow() {
        return tumblingWindowSeconds == 0 ? null : Duration.ofSeconds(tumblingWindowSeconds);
    }

    /** AWS's defaults for a mapping of {@code functionId} on {@code streamArn} starting at TRIM_HORIZON. */
    public static EsmSettings defaults(String functionId, String functionArn, String streamArn) {
        return new EsmSettings(functionId, functionArn, streamArn, 100, Duration.ZERO, StartPosition.trimHorizon(), -1, -1,
                false, false, 1, null, true, 0, LAMBDA_IDLE_POLL, RetryBackoff.AWS_INITIAL, SIX_MB);
    }

    /**
     * Reads the properties of a SAM {@code Kinesis}/{@code DynamoDB} event (intrinsics already resolved:
     * {@code Stream} and the destination are ARNs).
     */
    public static EsmSettings fromEventProperties(String functionId, String functionArn, Map<String, ?> p) {
        Object stream = p.get("Stream");
        if (!(stream instanceof String streamArn) || streamArn.isBlank()) {
            throw new IllegalArgumentException("event of " + functionId + " has no resolved Stream ARN: " + stream);
        }
        EsmSettings d = defaults(functionId, functionArn, streamArn);
        return new EsmSettings(functionId, functionArn, streamArn,
                intOf(p, "BatchSize", d.batchSize),
                Duration.ofSeconds(intOf(p, "MaximumBatchingWindowInSeconds", 0)),
                startOf(p),
                intOf(p, "MaximumRetryAttempts", -1),
                intOf(p, "MaximumRecordAgeInSeconds", -1),
                boolOf(p, "BisectBatchOnFunctionError", false),
                listOf(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                intOf(p, "ParallelizationFactor", 1),
                onFailureOf(p),
                boolOf(p, "Enabled", true),
                intOf(p, "TumblingWindowInSeconds", 0),
                d.idlePollInterval, d.retryDelay, d.maxPayloadBytes);
    }

    private static StartPosition startOf(Map<String, ?> p) {
        Object configured = p.get("StartingPosition");
        String position = configured == null ? "LATEST" : configured.toString();
        return switch (position) {
            case "TRIM_HORIZON" -> StartPosition.trimHorizon();
            case "LATEST" -> StartPosition.latest();
            case "AT_TIMESTAMP" -> StartPosition.atTimestamp(timestampOf(p.get("StartingPositionTimestamp")));
            default -> throw new IllegalArgumentException("unknown StartingPosition " + position);
        };
    }

    /** CloudFormation takes the timestamp as epoch seconds (a number); an ISO instant is accepted too. */
    private static Instant timestampOf(Object value) {
        if (value instanceof Number n) {
            return Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
        }
        if (value == null) {
            throw new IllegalArgumentException("StartingPosition AT_TIMESTAMP needs StartingPositionTimestamp");
        }
        try {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(value.toString()) * 1000));
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(value.toString());
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("bad StartingPositionTimestamp " + value);
            }
        }
    }

    private static String onFailureOf(Map<String, ?> p) {
        if (p.get("DestinationConfig") instanceof Map<?, ?> config && config.get("OnFailure") instanceof Map<?, ?> onFailure) {
            Object destination = onFailure.get("Destination");
            return destination == null ? null : destination.toString();
        }
        return null;
    }

    private static int intOf(Map<String, ?> p, String key, int fallback) {
        Object v = p.get(key);
        return v == null ? fallback : v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
    }

    private static boolean boolOf(Map<String, ?> p, String key, boolean fallback) {
        Object v = p.get(key);
        return v == null ? fallback : v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString().trim());
    }

    private static List<String> listOf(Object v) {
        if (v instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return v == null ? List.of() : List.of(v.toString());
    }

    /** AWS's defaults for a mapping of {@code functionId} on {@code streamArn}, to change some of them. */
    public static Builder builder(String functionId, String functionArn, String streamArn) {
        return defaults(functionId, functionArn, streamArn).toBuilder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Each setter names the property it sets; {@link #build()} checks the ranges AWS allows. */
    public static final class Builder {
        private final String functionId;
        private final String functionArn;
        private final String streamArn;
        private int batchSize;
        private Duration maximumBatchingWindow;
        private StartPosition startingPosition;
        private int maximumRetryAttempts;
        private int maximumRecordAgeSeconds;
        private boolean bisectBatchOnFunctionError;
        private boolean reportBatchItemFailures;
        private int parallelizationFactor;
        private String onFailureDestination;
        private boolean enabled;
        private int tumblingWindowSeconds;
        private Duration idlePollInterval;
        private Duration retryDelay;
        private int maxPayloadBytes;

        private Builder(EsmSettings from) {
            functionId = from.functionId;
            functionArn = from.functionArn;
            streamArn = from.streamArn;
            batchSize = from.batchSize;
            maximumBatchingWindow = from.maximumBatchingWindow;
            startingPosition = from.startingPosition;
            maximumRetryAttempts = from.maximumRetryAttempts;
            maximumRecordAgeSeconds = from.maximumRecordAgeSeconds;
            bisectBatchOnFunctionError = from.bisectBatchOnFunctionError;
            reportBatchItemFailures = from.reportBatchItemFailures;
            parallelizationFactor = from.parallelizationFactor;
            onFailureDestination = from.onFailureDestination;
            enabled = from.enabled;
            tumblingWindowSeconds = from.tumblingWindowSeconds;
            idlePollInterval = from.idlePollInterval;
            retryDelay = from.retryDelay;
            maxPayloadBytes = from.maxPayloadBytes;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder maximumBatchingWindow(Duration value) {
            maximumBatchingWindow = value;
            return this;
        }

        public Builder startingPosition(StartPosition value) {
            startingPosition = value;
            return this;
        }

        /** -1 = until the record expires. */
        public Builder maximumRetryAttempts(int value) {
            maximumRetryAttempts = value;
            return this;
        }

        /** -1 = no limit. */
        public Builder maximumRecordAgeSeconds(int value) {
            maximumRecordAgeSeconds = value;
            return this;
        }

        public Builder bisectBatchOnFunctionError(boolean value) {
            bisectBatchOnFunctionError = value;
            return this;
        }

        public Builder reportBatchItemFailures(boolean value) {
            reportBatchItemFailures = value;
            return this;
        }

        public Builder parallelizationFactor(int value) {
            parallelizationFactor = value;
            return this;
        }

        /** The on-failure destination's ARN; null = none. */
        public Builder onFailureDestination(String value) {
            onFailureDestination = value;
            return this;
        }

        public Builder enabled(boolean value) {
            enabled = value;
            return this;
        }

        /** 0 = no window; 1..900 seconds. */
        public Builder tumblingWindowSeconds(int value) {
            tumblingWindowSeconds = value;
            return this;
        }

        /** Local knob: how long an idle poller waits between GetRecords calls. */
        public Builder idlePollInterval(Duration value) {
            idlePollInterval = value;
            return this;
        }

        /** Local knob: the first pause before a retry; later ones double (see {@link RetryBackoff}). */
        public Builder retryDelay(Duration value) {
            retryDelay = value;
            return this;
        }

        public Builder maxPayloadBytes(int value) {
            maxPayloadBytes = value;
            return this;
        }

        public EsmSettings build() {
            return new EsmSettings(functionId, functionArn, streamArn, batchSize, maximumBatchingWindow, startingPosition,
                    maximumRetryAttempts, maximumRecordAgeSeconds, bisectBatchOnFunctionError, reportBatchItemFailures,
                    parallelizationFactor, onFailureDestination, enabled, tumblingWindowSeconds, idlePollInterval, retryDelay, maxPayloadBytes);
        }
    }

    /** The region of the stream ARN ({@code arn:aws:SERVICE:REGION:...}). */
    public String region() {
        String[] parts = streamArn.split(":");
        return parts.length > 3 ? parts[3] : "us-east-1";
    }
}
