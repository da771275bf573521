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
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
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
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
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
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }
}
