package dev.streamproc.athena;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Firehose S3 prefixes ({@code tweets/!{timestamp:yyyy/MM/dd/HH}/}) seen as Athena partition locations. */
final class FirehosePrefix {

    private static final Pattern TIMESTAMP = Pattern.compile("!\\{timestamp:([^}]+)}");
    private static final String ERROR_OUTPUT_TYPE = "!{firehose:error-output-type}";

    private FirehosePrefix() {
    }

    /** The Java date pattern inside {@code !{timestamp:...}}: the projection's date format must be the same. */
    static String timestampPattern(String prefix) {
        Matcher m = TIMESTAMP.matcher(prefix);
        if (!m.find()) {
            throw new AssertionError("no !{timestamp:...} in " + prefix);
        }
        return m.group(1);
    }

    /**
     * The prefix with its hour folder written as the projected partition {@code ${dt}}, and the error output type
     * (when present) as the given one.
     */
    static String withDt(String prefix, String errorOutputType) {
        String located = TIMESTAMP.matcher(prefix).replaceAll(Matcher.quoteReplacement("${dt}"));
        if (located.contains(ERROR_OUTPUT_TYPE)) {
            located = located.replace(ERROR_OUTPUT_TYPE, errorOutputType);
        }
        return located;
    }
}
