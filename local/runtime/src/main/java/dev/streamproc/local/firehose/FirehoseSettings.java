package dev.streamproc.local.firehose;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@code AWS::KinesisFirehose::DeliveryStream} with a Kinesis source, a Lambda processor and an extended S3
 * destination, with AWS's defaults (processor 1 MB / 60 s, 3 retries; S3 5 MiB / 300 s).
 */
public record FirehoseSettings(
        String name,
        String arn,
        int version,
        String sourceStreamArn,
        String bucket,
        String prefix,
        String errorOutputPrefix,
        long s3BufferBytes,
        Duration s3BufferInterval,
        boolean gzip,
        String lambdaArn,
        int numberOfRetries,
        long processorBufferBytes,
        Duration processorBufferInterval,
        Duration idlePollInterval,
        Duration retryDelay,
        String region) {

    static final long MB = 1024L * 1024L;

    /**
     * @param name       the delivery stream's name ({@code DeliveryStreamName}, or the stack-generated one)
     * @param properties the resource's {@code Properties}, intrinsics resolved
     */
    public static FirehoseSettings fromResource(String name, String region, String accountId, Map<String, ?> properties) {
        Map<String, ?> source = map(properties.get("KinesisStreamSourceConfiguration"), "KinesisStreamSourceConfiguration");
        Map<String, ?> s3 = map(properties.get("ExtendedS3DestinationConfiguration"), "ExtendedS3DestinationConfiguration");
        Map<String, ?> hints = properties(s3.get("BufferingHints"));
        String lambdaArn = null;
        int retries = 3;
        long processorBytes = MB;
        Duration processorInterval = Duration.ofSeconds(60);
        Map<String, ?> processing = properties(s3.get("ProcessingConfiguration"));
        boolean processingEnabled = !"false".equalsIgnoreCase(String.valueOf(processing.get("Enabled")));
        if (processingEnabled && processing.get("Processors") instanceof List<?> processors) {
            for (Object processor : processors) {
                Map<String, ?> p = properties(processor);
                if (!"Lambda".equals(String.valueOf(p.get("Type"))) || !(p.get("Parameters") instanceof List<?> parameters)) {
                    continue;
                }
                for (Object parameter : parameters) {
                    Map<String, ?> kv = properties(parameter);
                    String value = String.valueOf(kv.get("ParameterValue"));
                    switch (String.valueOf(kv.get("ParameterName"))) {
                        case "LambdaArn" -> lambdaArn = value;
                        case "NumberOfRetries" -> retries = Integer.parseInt(value.trim());
                        case "BufferSizeInMBs" -> processorBytes = Math.round(Double.parseDouble(value.trim()) * MB);
                        case "BufferIntervalInSeconds" -> processorInterval = Duration.ofSeconds(Long.parseLong(value.trim()));
                        default -> { }
                    }
                }
            }
        }
        String bucketArn = String.valueOf(s3.get("BucketARN"));
        return new FirehoseSettings(name, "arn:aws:firehose:" + region + ":" + accountId + ":deliverystream/" + name, 1,
                String.valueOf(source.get("KinesisStreamARN")),
                bucketArn.startsWith("arn:aws:s3:::") ? bucketArn.substring("arn:aws:s3:::".length()) : bucketArn,
                s3.get("Prefix") == null ? "" : s3.get("Prefix").toString(),
                s3.get("ErrorOutputPrefix") == null ? null : s3.get("ErrorOutputPrefix").toString(),
                Math.round(number(hints.get("SizeInMBs"), 5) * MB),
                Duration.ofSeconds((long) number(hints.get("IntervalInSeconds"), 300)),
                "GZIP".equalsIgnoreCase(String.valueOf(s3.get("CompressionFormat"))),
                lambdaArn, retries, processorBytes, processorInterval,
                Duration.ofSeconds(1), Duration.ofMillis(500), region);
    }

    private static double number(Object value, double fallback) {
        return value == null ? fallback : value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> properties(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of();
    }

    private static Map<String, ?> map(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("delivery stream has no " + what);
        }
        return properties(value);
    }

    public boolean hasProcessor() {
        return lambdaArn != null && !lambdaArn.isBlank();
    }

    /** A builder holding these settings, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A delivery stream {@code name} reading {@code sourceStreamArn} into {@code bucket} with AWS's defaults (no
     * processor, no prefix, S3 5 MiB / 300 s uncompressed, processor 1 MB / 60 s, 3 retries), to change by name.
     */
    public static Builder builder(String name, String region, String accountId, String sourceStreamArn, String bucket) {
        return new FirehoseSettings(name, "arn:aws:firehose:" + region + ":" + accountId + ":deliverystream/" + name, 1, sourceStreamArn,
                bucket, "", null, 5 * MB, Duration.ofSeconds(300), false, null, 3, MB, Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofMillis(500), region).toBuilder();
    }

    /** Each setter names the property it sets. */
    public static final class Builder {
        private String name;
        private String arn;
        private int version;
        private String sourceStreamArn;
        private String bucket;
        private String prefix;
        private String errorOutputPrefix;
        private long s3BufferBytes;
        private Duration s3BufferInterval;
        private boolean gzip;
        private String lambdaArn;
        private int numberOfRetries;
        private long processorBufferBytes;
        private Duration processorBufferInterval;
        private Duration idlePollInterval;
        private Duration retryDelay;
        private String region;

        private Builder(FirehoseSettings from) {
            name = from.name;
            arn = from.arn;
            version = from.version;
            sourceStreamArn = from.sourceStreamArn;
            bucket = from.bucket;
            prefix = from.prefix;
            errorOutputPrefix = from.errorOutputPrefix;
            s3BufferBytes = from.s3BufferBytes;
            s3BufferInterval = from.s3BufferInterval;
            gzip = from.gzip;
            lambdaArn = from.lambdaArn;
            numberOfRetries = from.numberOfRetries;
            processorBufferBytes = from.processorBufferBytes;
            processorBufferInterval = from.processorBufferInterval;
            idlePollInterval = from.idlePollInterval;
            retryDelay = from.retryDelay;
            region = from.region;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder arn(String value) {
            arn = value;
            return this;
        }

        public Builder version(int value) {
            version = value;
            return this;
        }

        public Builder sourceStreamArn(String value) {
            sourceStreamArn = value;
            return this;
        }

        public Builder bucket(String value) {
            bucket = value;
            return this;
        }

        public Builder prefix(String value) {
            prefix = value;
            return this;
        }

        public Builder errorOutputPrefix(String value) {
            errorOutputPrefix = value;
            return this;
        }

        public Builder s3BufferBytes(long value) {
            s3BufferBytes = value;
            return this;
        }

        public Builder s3BufferInterval(Duration value) {
            s3BufferInterval = value;
            return this;
        }

        public Builder gzip(boolean value) {
            gzip = value;
            return this;
        }

        public Builder lambdaArn(String value) {
            lambdaArn = value;
            return this;
        }

        public Builder numberOfRetries(int value) {
            numberOfRetries = value;
            return this;
        }

        public Builder processorBufferBytes(long value) {
            processorBufferBytes = value;
            return this;
        }

        public Builder processorBufferInterval(Duration value) {
            processorBufferInterval = value;
            return this;
        }

        public Builder idlePollInterval(Duration value) {
            idlePollInterval = value;
            return this;
        }

        public Builder retryDelay(Duration value) {
            retryDelay = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        /** Both processor and S3 buffering hints. */
        public Builder buffers(long processorBytes, Duration processorInterval, long s3Bytes, Duration s3Interval) {
            return processorBufferBytes(processorBytes).processorBufferInterval(processorInterval).s3BufferBytes(s3Bytes)
                    .s3BufferInterval(s3Interval);
        }

        public FirehoseSettings build() {
            return new FirehoseSettings(name, arn, version, sourceStreamArn, bucket, prefix, errorOutputPrefix, s3BufferBytes, s3BufferInterval, gzip, lambdaArn, numberOfRetries, processorBufferBytes, processorBufferInterval, idlePollInterval, retryDelay, region);
        }
    }
}
