package dev.streamproc.local.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateExpressionTest {

    @ParameterizedTest
    @CsvSource({"rate(1 minute), PT1M", "rate(5 minutes), PT5M", "rate(1 hour), PT1H", "rate(12 hours), PT12H", "rate(1 day), PT24H", "rate(7 days), PT168H"})
    void readsValueAndUnit(String expression, Duration period) {
        assertThat(((RateExpression) ScheduleExpression.parse(expression)).period()).isEqualTo(period);
    }

    @Test
    void firesEveryPeriodCountedFromItsStart() {
        Instant start = Instant.parse("2026-11-23T10:00:20Z");
        RateExpression rate = ((RateExpression) ScheduleExpression.parse("rate(5 minutes)")).anchoredAt(start);

        assertThat(rate.nextAfter(start)).contains(Instant.parse("2026-11-23T10:05:20Z"));
        assertThat(rate.nextAfter(Instant.parse("2026-11-23T10:05:19Z"))).contains(Instant.parse("2026-11-23T10:05:20Z"));
        assertThat(rate.nextAfter(Instant.parse("2026-11-23T10:05:20Z"))).contains(Instant.parse("2026-11-23T10:10:20Z"));
        assertThat(rate.nextAfter(Instant.parse("2026-11-23T13:02:00Z"))).contains(Instant.parse("2026-11-23T13:05:20Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(-1 minutes)", "rate(5 weeks)", "rate(five minutes)", "rate(5)"})
    void rejectsWhatEventBridgeRejects(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression)).isInstanceOf(IllegalArgumentException.class);
    }
}
