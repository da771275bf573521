package dev.streamproc.local.schedule;

import java.util.Map;

/**
 * A SAM {@code Type: Schedule} event: an EventBridge rule that invokes a function.
 *
 * @param input constant JSON to send instead of the scheduled event ({@code Input}), or null
 */
public record ScheduleRule(String functionId, String ruleName, String region, String accountId,
                           ScheduleExpression expression, boolean enabled, String input) {

    public String ruleArn() {
        return "arn:aws:events:" + region + ":" + accountId + ":rule/" + ruleName;
    }

    /**
     * Reads a SAM Schedule event's properties: {@code Schedule}, {@code Enabled} or {@code State},
     * {@code Input}, {@code Name}.
     */
    public static ScheduleRule fromSam(String functionId, String defaultRuleName, String region, String accountId,
                                       Map<String, Object> properties) {
        Object schedule = properties.get("Schedule");
        if (schedule == null) {
            throw new IllegalArgumentException(functionId + ": Schedule event without a Schedule expression");
        }
        boolean enabled = true;
        if (properties.get("Enabled") != null) {
            enabled = Boolean.parseBoolean(String.valueOf(properties.get("Enabled")));
        }
        if (properties.get("State") != null) {
            String state = String.valueOf(properties.get("State"));
            if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
                throw new IllegalArgumentException(functionId + ": Schedule State must be ENABLED or DISABLED, was " + state);
            }
            enabled = state.equals("ENABLED");
        }
        Object name = properties.get("Name");
        Object input = properties.get("Input");
        return new ScheduleRule(functionId, name != null ? String.valueOf(name) : defaultRuleName, region, accountId,
                ScheduleExpression.parse(String.valueOf(schedule)), enabled, input == null ? null : String.valueOf(input));
    }
}
