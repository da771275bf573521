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
        String region,
        String fileExtension) {

    static final long MB = 1024L * 1024L;
    /** CloudFormation's pattern for {@code FileExtension}: empty, or a dot and lower-case letters, digits, {@code !-_.*'()}. */
    private static final java.util.regex.Pattern FILE_EXTENSION = java.util.regex.Pattern.compile("|\\.[0-9a-z!\\-_.*'()]{1,127}");

    /** Without a {@code FileExtension}: objects end in {@code .gz} when compressed, in nothing otherwise. */
    public FirehoseSettings(String name, String arn, int version, String sourceStreamArn, String bucket, String prefix,
                            String errorOutputPrefix, long s3BufferBytes, Duration s3BufferInterval, boolean gzip, String lambdaArn,
                            int numberOfRetries, long processorBufferBytes, Duration processorBufferInterval, Duration idlePollInterval,
                            Duration retryDelay, String region) {
        this(name, arn, version, sourceStreamArn, bucket, prefix, errorOutputPrefix, s3BufferBytes, s3BufferInterval, gzip, lambdaArn,
                numberOfRetries, processorBufferBytes, processorBufferInterval, idlePollInterval, retryDelay, region, null);
    }

    public FirehoseSettings {
        if (fileExtension != null && !FILE_EXTENSION.matcher(fileExtension).matches()) {
            throw new IllegalArgumentException("delivery stream " + name + ": FileExtension '" + fileExtension
                    + "' must be empty or a dot followed by 0-9 a-z ! - _ . * ' ( )");
        }
    }

    /**
     * The end of every object's key: {@code FileExtension} when configured (it overrides the default, AWS
     * CloudFormation reference for {@code ExtendedS3DestinationConfiguration}; LocalStack test
     * {@code test_kinesis_firehose_s3_as_destination_with_file_extension}, validated against AWS), else {@code .gz}
     * for GZIP and nothing otherwise.
     */
    public String objectExtension() {
        return fileExtension != null ? fileExtension : gzip ? ".gz" : "";
    }

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
                Duration.ofSeconds(1), Duration.ofMillis(500), region,
                s3.get("FileExtension") == null ? null : s3.get("FileExtension").toString());
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

    public FirehoseSettings withFileExtension(String value) {
        return new FirehoseSettings(name, arn, version, sourceStreamArn, bucket, prefix, errorOutputPrefix, s3BufferBytes,
                s3BufferInterval, gzip, lambdaArn, numberOfRetries, processorBufferBytes, processorBufferInterval, idlePollInterval,
                retryDelay, region, value);
    }

    public boolean hasProcessor() {
        return lambdaArn != null && !lambdaArn.isBlank();
    }

    public FirehoseSettings withBuffers(long processorBytes, Duration processorInterval, long s3Bytes, Duration s3Interval) {
        return new FirehoseSettings(name, arn, version, sourceStreamArn, bucket, prefix, errorOutputPrefix, s3Bytes, s3Interval, gzip,
                lambdaArn, numberOfRetries, processorBytes, processorInterval, idlePollInterval, retryDelay, region, fileExtension);
    }

    public FirehoseSettings withPolling(Duration idlePoll, Duration retryPause) {
        return new FirehoseSettings(name, arn, version, sourceStreamArn, bucket, prefix, errorOutputPrefix, s3BufferBytes,
                s3BufferInterval, gzip, lambdaArn, numberOfRetries, processorBufferBytes, processorBufferInterval, idlePoll, retryPause,
                region, fileExtension);
    }
}
