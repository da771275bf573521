package dev.streamproc.lambdakit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void keepsASafetyMarginOfTheRemainingInvocationTime() {
        assertThat(Deadline.fromRemainingInvocationTime(60_000).remaining()).isLessThanOrEqualTo(Duration.ofMillis(59_000));
        assertThat(Deadline.fromRemainingInvocationTime(60_000).remaining()).isGreaterThan(Duration.ofMillis(58_000));
        assertThat(Deadline.fromRemainingInvocationTime(2_000).remaining()).isLessThanOrEqualTo(Duration.ofMillis(1_500));
        assertThat(Deadline.fromRemainingInvocationTime(0).expired()).isTrue();
    }

    @Test
    void expiresWhenTheClockPassesIt() {
        AtomicLong nanos = new AtomicLong(1_000);
        Deadline deadline = Deadline.after(Duration.ofMillis(10), nanos::get);

        assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(10));
        nanos.addAndGet(Duration.ofMillis(4).toNanos());
        assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(6));
        nanos.addAndGet(Duration.ofMillis(7).toNanos());
        assertThat(deadline.expired()).isTrue();
    }
}
