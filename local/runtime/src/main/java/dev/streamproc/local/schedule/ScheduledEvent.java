package dev.streamproc.local.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The event EventBridge sends a scheduled rule's target ({@code detail-type: Scheduled Event}). */
final class ScheduledEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScheduledEvent() {
    }

    /** The rule's constant {@code Input} when it has one, else the scheduled-event JSON for {@code time}. */
    static byte[] forRule(ScheduleRule rule, Instant time) {
        if (rule.input() != null) {
            return rule.input().getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", rule.accountId());
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", rule.region());
        event.putArray("resources").add(rule.ruleArn());
        event.putObject("detail");
        try {
            return JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
