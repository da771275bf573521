package dev.streamproc.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CliStartOptionTest {

    @Test
    void syntheticTweetsStartNowUnlessToldOtherwise() {
        Instant before = Instant.now();
        CliOptions defaults = CliOptions.parse(new String[] {"--stream", "s"});
        assertThat(defaults.start()).isBetween(before, before.plus(Duration.ofMinutes(1)));

        CliOptions pinned = CliOptions.parse(new String[] {"--stream", "s", "--start", "2026-11-23T10:00:00Z"});
        assertThat(pinned.start()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void aBadStartIsOneClearLine() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--stream", "s", "--start", "yesterday"}))
                .hasMessage("Invalid value for option '--start': must be 'now' or an ISO-8601 instant like 2026-11-23T10:00:00Z, got 'yesterday'");
    }
}
