package dev.streamproc.local.firehose;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Firehose's S3 object names: {@code <evaluated prefix><stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid><extension>} in UTC
 * (the extension: {@code FileExtension}, else {@code .gz} for GZIP).
 * A prefix without expressions gets the default {@code yyyy/MM/dd/HH/} appended; {@code !{timestamp:FORMAT}}
 * uses the arrival time of the oldest record in the object; {@code !{firehose:error-output-type}} and
 * {@code !{firehose:random-string}} are evaluated as AWS documents. Without an error output prefix, failed
 * records go under {@code processing-failed/yyyy/MM/dd/HH/}.
 */
public final class S3KeyScheme {

    public static final String PROCESSING_FAILED = "processing-failed";
    private static final Pattern EXPRESSION = Pattern.compile("!\\{([a-zA-Z]+):([^}]*)}");
    private static final DateTimeFormatter DEFAULT_TIME_PREFIX = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SUFFIX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    private static final String RANDOM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private S3KeyScheme() {
    }

    /** Rejects expressions Firehose would reject, before any record flows. */
    public static void validate(String prefix, boolean errorPrefix) {
        if (prefix == null) {
            return;
        }
        Matcher m = EXPRESSION.matcher(prefix);
        while (m.find()) {
            String namespace = m.group(1);
            String value = m.group(2);
            switch (namespace) {
                case "timestamp" -> DateTimeFormatter.ofPattern(value);
                case "firehose" -> {
                    if (value.equals("error-output-type") && !errorPrefix) {
                        throw new IllegalArgumentException("!{firehose:error-output-type} is only allowed in ErrorOutputPrefix");
                    }
                    if (!value.equals("error-output-type") && !value.equals("random-string")) {
                        throw new IllegalArgumentException("unknown firehose expression !{firehose:" + value + "}");
                    }
                }
                default -> throw new IllegalArgumentException("unsupported prefix expression !{" + namespace + ":" + value + "}");
            }
        }
    }

    public static String prefix(String configured, boolean error, Instant oldestArrival) {
        if (configured == null || configured.isEmpty()) {
            return (error ? PROCESSING_FAILED + "/" : "") + DEFAULT_TIME_PREFIX.format(oldestArrival);
        }
        if (!configured.contains("!{")) {
            return configured + DEFAULT_TIME_PREFIX.format(oldestArrival);
        }
        Matcher m = EXPRESSION.matcher(configured);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "timestamp" -> DateTimeFormatter.ofPattern(m.group(2)).withZone(ZoneOffset.UTC).format(oldestArrival);
                case "firehose" -> m.group(2).equals("error-output-type") ? PROCESSING_FAILED : randomString();
                default -> throw new IllegalArgumentException("unsupported prefix expression " + m.group());
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String suffix(String streamName, int version, Instant written, boolean gzip) {
        return suffix(streamName, version, written, gzip ? ".gz" : "");
    }

    /** The object name with {@code extension} (the delivery stream's {@code FileExtension}, or its default) at the end. */
    public static String suffix(String streamName, int version, Instant written, String extension) {
        return streamName + "-" + version + "-" + SUFFIX_TIME.format(written) + "-" + UUID.randomUUID() + extension;
    }

    private static String randomString() {
        StringBuilder s = new StringBuilder(11);
        for (int i = 0; i < 11; i++) {
            s.append(RANDOM_ALPHABET.charAt(RANDOM.nextInt(RANDOM_ALPHABET.length())));
        }
        return s.toString();
    }
}
