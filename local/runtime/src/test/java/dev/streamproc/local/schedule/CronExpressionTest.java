package dev.streamproc.local.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EventBridge cron: the next fire time, in UTC. 2026-11-23 is a Monday. */
class CronExpressionTest {

    @ParameterizedTest(name = "{0} after {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "cron(0 10 * * ? *)            | 2026-11-23T09:59:30Z | 2026-11-23T10:00:00Z",
            "cron(0 10 * * ? *)            | 2026-11-23T10:00:00Z | 2026-11-24T10:00:00Z",
            "cron(0/15 * * * ? *)          | 2026-11-23T10:07:00Z | 2026-11-23T10:15:00Z",
            "cron(0/15 * * * ? *)          | 2026-11-23T10:45:00Z | 2026-11-23T11:00:00Z",
            "cron(5,35 14 * * ? *)         | 2026-11-23T14:05:59Z | 2026-11-23T14:35:00Z",
            "cron(* * * * ? *)             | 2026-11-23T10:07:42Z | 2026-11-23T10:08:00Z",
            "cron(0 18 ? * MON-FRI *)      | 2026-11-27T18:00:00Z | 2026-11-30T18:00:00Z",
            "cron(0 18 ? * 2-6 *)          | 2026-11-28T00:00:00Z | 2026-11-30T18:00:00Z",
            "cron(30 23 ? * SAT,SUN *)     | 2026-11-23T00:00:00Z | 2026-11-28T23:30:00Z",
            "cron(0 8 1 * ? *)             | 2026-11-01T08:00:00Z | 2026-12-01T08:00:00Z",
            "cron(0 0 L * ? *)             | 2028-02-10T00:00:00Z | 2028-02-29T00:00:00Z",
            "cron(0 9 ? * 6L *)            | 2026-12-01T00:00:00Z | 2026-12-25T09:00:00Z",
            "cron(0 9 ? * 3#2 *)           | 2026-12-01T00:00:00Z | 2026-12-08T09:00:00Z",
            "cron(0 9 15W * ? *)           | 2026-08-01T00:00:00Z | 2026-08-14T09:00:00Z",
            "cron(0 9 15W * ? *)           | 2026-03-01T00:00:00Z | 2026-03-16T09:00:00Z",
            "cron(0 9 1W * ? *)            | 2026-11-01T00:00:00Z | 2026-11-02T09:00:00Z",
            "cron(0 9 LW * ? *)            | 2026-05-01T00:00:00Z | 2026-05-29T09:00:00Z",
            "cron(0 12 ? JAN-MAR,DEC MON 2027) | 2026-11-23T00:00:00Z | 2027-01-04T12:00:00Z",
            "cron(0 22-2/2 * * ? *)        | 2026-11-23T22:30:00Z | 2026-11-24T00:00:00Z",
            "cron(0 0 29 2 ? *)            | 2026-03-01T00:00:00Z | 2028-02-29T00:00:00Z",
    })
    void nextFireTime(String expression, String after, String expected) {
        assertThat(ScheduleExpression.parse(expression).nextAfter(Instant.parse(after))).contains(Instant.parse(expected));
    }

    @Test
    void neverFiresAgainOnceItsYearsArePast() {
        assertThat(ScheduleExpression.parse("cron(0 0 1 1 ? 2020)").nextAfter(Instant.parse("2026-11-23T00:00:00Z"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "cron(0 10 * * * *)",      // day-of-month and day-of-week both set
            "cron(0 10 ? * ? *)",      // neither set
            "cron(0 10 * * ?)",        // five fields
            "cron(60 10 * * ? *)",     // minute out of range
            "cron(0 10 * FOO ? *)",    // unknown month
            "every 5 minutes",
    })
    void rejectsWhatEventBridgeRejects(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression)).isInstanceOf(IllegalArgumentException.class);
    }
}
