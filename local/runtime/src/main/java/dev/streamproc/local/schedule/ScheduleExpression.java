package dev.streamproc.local.schedule;

import java.time.Instant;
import java.util.Optional;

/** An EventBridge schedule expression: {@code rate(value unit)} or {@code cron(6 fields)}, evaluated in UTC. */
public sealed interface ScheduleExpression permits RateExpression, CronExpression {

    /** The first fire time strictly after {@code after}; empty when the expression never fires again. */
    Optional<Instant> nextAfter(Instant after);

    static ScheduleExpression parse(String expression) {
        // Not trimmed: EventBridge rejects " rate(10 minutes)" (test_put_rule_with_invalid_schedule_rate[ rate(10 minutes)]).
        String text = expression;
        if (text.startsWith("rate(") && text.endsWith(")")) {
            return RateExpression.parse(text.substring(5, text.length() - 1));
        }
        if (text.startsWith("cron(") && text.endsWith(")")) {
            return CronExpression.parse(text.substring(5, text.length() - 1));
        }
        throw new IllegalArgumentException("not a schedule expression: '" + expression + "' (expected rate(...) or cron(...))");
    }
}
