package dev.streamproc.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TwitterTimeTest {

    @Test
    void readsTheV2FormWithAndWithoutFractions() {
        assertThat(TwitterTime.parse("2022-11-16T12:34:56.789Z")).isEqualTo(Instant.parse("2022-11-16T12:34:56.789Z"));
        assertThat(TwitterTime.parse("2022-11-16T12:34:56Z")).isEqualTo(Instant.parse("2022-11-16T12:34:56Z"));
        assertThat(TwitterTime.parse("2022-11-16T12:34:56.1Z")).isEqualTo(Instant.parse("2022-11-16T12:34:56.100Z"));
        assertThat(TwitterTime.parse("2022-11-16T12:34:56.123456789Z"))
                .isEqualTo(Instant.parse("2022-11-16T12:34:56.123456789Z"));
    }

    @Test
    void readsIsoTimesExactlyAsTheIsoFormatterDoes() {
        String[] samples = {
            "2024-02-29T23:59:59.999Z", "2023-02-29T00:00:00Z", "2022-11-31T00:00:00Z", "2022-13-01T00:00:00Z",
            "2022-00-10T00:00:00Z", "2022-11-16T24:00:00Z", "2022-11-16T23:60:00Z", "2022-11-16T23:59:60Z",
            "2022-11-16t12:34:56z", "2022-11-16T12:34:56+09:00", "2022-11-16T12:34:56.5-03:30", "2022-11-16T12:34Z",
            "2022-11-16T12:34:56.Z", "2022-11-16T12:34:56.1234567890Z", "2022-11-16T12:34:56.12a4Z",
            "2022-11-16 12:34:56Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2022-1-16T12:34:56Z",
            "2022-11-16T12:34:56", "2022-11-16T12:34:56.000+00:00", "2022-11-16T12:34:5xZ",
        };
        for (String sample : samples) {
            assertThat(TwitterTime.parse(sample)).as(sample).isEqualTo(isoFormatter(sample));
        }
    }

    @Test
    void readsTheV11FormWithItsOffset() {
        assertThat(TwitterTime.parse("Sun Aug 31 00:29:15 +0000 2014")).isEqualTo(Instant.parse("2014-08-31T00:29:15Z"));
        assertThat(TwitterTime.parse("Thu Jan 01 12:00:00 +0900 2015")).isEqualTo(Instant.parse("2015-01-01T03:00:00Z"));
        assertThat(TwitterTime.parse("yesterday")).isNull();
        assertThat(TwitterTime.parse("")).isNull();
        assertThat(TwitterTime.parse(null)).isNull();
    }

    @Test
    void formatsTimestampsAsTheContractsSay() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            assertThat(TwitterTime.isoSeconds(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(
                    instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        }
        assertThat(TwitterTime.isoSeconds(Instant.parse("2014-08-31T00:29:15.999Z"))).isEqualTo("2014-08-31T00:29:15Z");
        assertThat(TwitterTime.athenaTimestamp(Instant.parse("2014-08-31T00:29:15.007Z")))
                .isEqualTo("2014-08-31 00:29:15.007");
        assertThat(TwitterTime.athenaTimestamp(Instant.parse("0987-01-02T03:04:05Z"))).isEqualTo("0987-01-02 03:04:05.000");
    }

    private static Instant isoFormatter(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
