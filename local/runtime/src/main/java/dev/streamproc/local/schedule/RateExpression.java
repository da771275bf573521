package dev.streamproc.local.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code rate(5 minutes)}: fires every period, counted from when the rule starts ({@code anchor}).
 * As on EventBridge, a value of 1 takes the singular unit and any other value the plural.
 */
public record RateExpression(Duration period, Instant anchor) implements ScheduleExpression {

    public RateExpression {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("rate period must be positive");
        }
    }

    static RateExpression parse(String body) {
        // Exactly "value unit" with one space: EventBridge rejects "rate( 10 minutes )" (LocalStack snapshot
        // test_put_rule_with_invalid_schedule_rate[rate( 10 minutes )]).
        String[] parts = body.split(" ", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("rate(" + body + "): expected 'rate(value unit)', e.g. rate(5 minutes)");
        }
        long value;
        try {
            value = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate(" + body + "): value must be a positive whole number");
        }
        if (value < 1) {
            throw new IllegalArgumentException("rate(" + body + "): value must be a positive whole number");
        }
        String unit = parts[1];
        String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        if ((value == 1) != unit.equals(singular)) {
            throw new IllegalArgumentException("rate(" + body + "): use '" + value + " " + (value == 1 ? singular : singular + "s") + "'");
        }
        Duration period = switch (singular) {
            case "minute" -> Duration.ofMinutes(value);
            case "hour" -> Duration.ofHours(value);
            case "day" -> Duration.ofDays(value);
            default -> throw new IllegalArgumentException("rate(" + body + "): unit must be minute(s), hour(s) or day(s)");
        };
        return new RateExpression(period, Instant.now());
    }

    /** The same rate counted from another start. */
    public RateExpression anchoredAt(Instant start) {
        return new RateExpression(period, start);
    }

    /** Back in EventBridge's syntax, e.g. {@code rate(5 minutes)}. */
    @Override
    public String toString() {
        long minutes = period.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return unit(minutes / (24 * 60), "day");
        }
        return minutes % 60 == 0 ? unit(minutes / 60, "hour") : unit(minutes, "minute");
    }

    private static String unit(long value, String singular) {
        return "rate(" + value + " " + singular + (value == 1 ? "" : "s") + ")";
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
        if (after.isBefore(anchor)) {
            return Optional.of(anchor.plus(period));
        }
        long periods = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
        return Optional.of(anchor.plus(period.multipliedBy(periods)));
    }
}
