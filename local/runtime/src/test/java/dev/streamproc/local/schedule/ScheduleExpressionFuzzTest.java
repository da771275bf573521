package dev.streamproc.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the cron/rate parser (Jazzer): any text is a schedule or an
 * {@link IllegalArgumentException} naming the problem; a schedule's next fire time comes (the JUnit timeout turns a
 * hang into a failure) and lies strictly after the time asked about.
 */
class ScheduleExpressionFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-29T19:30:00Z");

    @FuzzTest(maxDuration = "5s")
    void parse(String text) {
        if (text == null) {
            return; // Jazzer's empty input; a template value is never null
        }
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(text);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        Optional<Instant> next = expression.nextAfter(NOW);
        next.ifPresent(time -> assertThat(time).isAfter(NOW));
    }
}
