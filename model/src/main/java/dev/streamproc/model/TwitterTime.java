package dev.streamproc.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the two created_at forms tweets use, and formats the forms our outputs use. */
final class TwitterTime {

    /** v1.1: {@code Sun Aug 31 00:29:15 +0000 2014}. */
    private static final DateTimeFormatter V1 = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private TwitterTime() {
    }

    /** @return the instant, or {@code null} when the text is in neither form */
    static Instant parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (Character.isDigit(text.charAt(0))) {
            return parseIso(text);
        }
        Instant fast = parseV1Fast(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text, V1).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parseIso(String text) {
        Instant fast = parseIsoUtcFast(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * {@code 2022-11-16T12:34:56.789Z}, the form X API v2 always sends, without the cost of a DateTimeFormatter (about
     * a microsecond). Anything else (other offsets, lowercase letters, more year digits...) is left to the formatter.
     */
    private static Instant parseIsoUtcFast(String s) {
        // 0123456789012345678
        // 2022-11-16T12:34:56[.f{1,9}]Z
        int length = s.length();
        if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(length - 1) != 'Z') {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(s, 20, fractionDigits);
            for (int i = fractionDigits; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
        } catch (java.time.DateTimeException e) {
            return null; // no such day (February 30th...): the formatter rejects it too
        }
    }

    /** The fixed-width form Twitter always sends, without the cost of a DateTimeFormatter. */
    private static Instant parseV1Fast(String s) {
        // 0123456789012345678901234567890
        // Sun Aug 31 00:29:15 +0000 2014
        if (s.length() != 30 || s.charAt(3) != ' ' || s.charAt(7) != ' ' || s.charAt(10) != ' '
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != ' ' || s.charAt(25) != ' ') {
            return null;
        }
        int monthIndex = MONTHS.indexOf(s.substring(4, 7));
        if (monthIndex < 0 || monthIndex % 3 != 0) {
            return null;
        }
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int offset = digits(s, 21, 4);
        int year = digits(s, 26, 4);
        char sign = s.charAt(20);
        if ((day | hour | minute | second | offset | year) < 0 || (sign != '+' && sign != '-')) {
            return null;
        }
        try {
            int offsetSeconds = (offset / 100 * 3600 + offset % 100 * 60) * (sign == '-' ? -1 : 1);
            return OffsetDateTime.of(year, monthIndex / 3 + 1, day, hour, minute, second, 0,
                    ZoneOffset.ofTotalSeconds(offsetSeconds)).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code 2014-08-31T00:29:15Z}: ISO-8601 UTC at second precision, so it also sorts as text. */
    static String isoSeconds(Instant instant) {
        var t = instant.atOffset(ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        StringBuilder sb = new StringBuilder(20);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        return pad(sb, t.getSecond(), 2).append('Z').toString();
    }

    /** {@code 2014-08-31 00:29:15.000}: what Athena's JSON SerDe reads as a timestamp. */
    static String athenaTimestamp(Instant instant) {
        var t = instant.atOffset(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(23);
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append(' ');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        return pad(sb, t.getNano() / 1_000_000, 3).toString();
    }

    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        if (value < 0) {
            String digits = Integer.toString(value);
            sb.append("0".repeat(Math.max(0, width - digits.length())));
            return sb.append(digits);
        }
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                sb.append('0');
            }
        }
        return sb.append(value);
    }
}
