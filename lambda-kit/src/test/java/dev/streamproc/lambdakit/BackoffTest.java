package dev.streamproc.lambdakit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theCeilingDoublesFromTheBaseUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(1_000), () -> 1.0);

        assertThat(backoff.ceilingMillis(1)).isEqualTo(50);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(100);
        assertThat(backoff.ceilingMillis(5)).isEqualTo(800);
        assertThat(backoff.ceilingMillis(6)).isEqualTo(1_000);
        assertThat(backoff.ceilingMillis(100)).isEqualTo(1_000);
    }

    @Test
    void fullJitterWaitsAnywhereBetweenZeroAndTheCeiling() {
        assertThat(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), () -> 0.0).delay(4)).isZero();
        assertThat(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), () -> 0.5).delay(4))
                .isEqualTo(Duration.ofMillis(200));
        assertThat(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), () -> 0.999).delay(4))
                .isLessThanOrEqualTo(Duration.ofMillis(400));
    }
}
