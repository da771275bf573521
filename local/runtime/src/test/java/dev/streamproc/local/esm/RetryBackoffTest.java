package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void pausesDoubleFromTheFirstAndStopAtTwelveTimesIt() {
        RetryBackoff backoff = RetryBackoff.from(Duration.ofSeconds(1));

        assertThat(backoff.before(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.before(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.before(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.before(5)).isEqualTo(Duration.ofSeconds(12));
        assertThat(backoff.before(500)).isEqualTo(Duration.ofSeconds(12));
    }

    // LocalStack snapshot test_kinesis_maximum_record_age_exceeded[expire-while-retrying]: with
    // MaximumRecordAgeInSeconds 60 and unlimited retries AWS invoked the failing batch 8 times before the record expired.
    @Test
    void aBatchThatAlwaysFailsIsInvokedEightTimesBeforeItsMinuteIsUp() {
        RetryBackoff backoff = RetryBackoff.from(EsmSettings.defaults("f", "arn:f", "arn:s").retryDelay());
        long at = 0;
        int invocations = 0;
        while (at < 60_000) {
            invocations++;
            at += backoff.before(invocations).toMillis();
        }

        assertThat(invocations).isEqualTo(8);
    }
}
