package dev.streamproc.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Schedules against EventBridge's recorded behaviour: each case encodes a scenario of LocalStack's
 * {@code tests/aws/services/events/test_events_schedule.py} validated against AWS
 * ({@code test_events_schedule.validation.json}, {@code test_events_schedule.snapshot.json}), named in its comment.
 */
class ScheduleConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // test_put_rule_with_invalid_schedule_rate[*]: each is "Parameter ScheduleExpression is not valid." on AWS.
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"rate(10 seconds)", "rate(10 years)", "rate(1 minutes)", "rate(1 hours)", "rate(1 days)",
            "rate(10 minute)", "rate(10 hour)", "rate(10 day)", "rate()", "rate(10)", "rate(10 minutess)", "rate(foo minutes)",
            "rate(0 minutes)", "rate(-10 minutes)", "rate(10 MINUTES)", "rate( 10 minutes )", " rate(10 minutes)"})
    void aRateAwsRejectsIsRejected(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression)).isInstanceOf(IllegalArgumentException.class);
    }

    // test_put_rule_with_schedule_rate: rate(1 minute) is accepted.
    @Test
    void aRateAwsAcceptsIsAccepted() {
        assertThat(ScheduleExpression.parse("rate(1 minute)")).isInstanceOf(RateExpression.class);
    }

    // tests_put_rule_with_schedule_cron[*]: each accepted by AWS.
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"cron(0 10 * * ? *)", "cron(15 12 * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)",
            "cron(0/15 * * * ? *)", "cron(0/10 * ? * MON-FRI *)", "cron(0/5 8-17 ? * MON-FRI *)", "cron(0/30 20-23 ? * MON-FRI *)",
            "cron(0/30 0-2 ? * MON-FRI *)", "cron(0 2 ? * SAT *)", "cron(0 12 * * ? *)", "cron(5,35 14 * * ? *)",
            "cron(15 10 ? * 6L 2002-2005)", "cron(0 2 ? * SAT#3 *)", "cron(* * ? * SAT#3 *)", "cron(0/5 5 ? JAN 1-5 2022)"})
    void aCronAwsAcceptsIsAccepted(String expression) {
        assertThat(ScheduleExpression.parse(expression)).isInstanceOf(CronExpression.class);
    }

    // tests_put_rule_with_invalid_schedule_cron[*]: each rejected by AWS.
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"cron(INVALID)", "cron(0 dummy ? * MON-FRI *)", "cron(7 20 * * NOT *)", "cron(71 8 1 * ? *)",
            "cron(0 1 * * * *)"})
    void aCronAwsRejectsIsRejected(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression)).isInstanceOf(IllegalArgumentException.class);
    }

    // test_schedule_cron_target_sqs / tests_schedule_rate_target_sqs: the Scheduled Event, keys in AWS's order.
    @Test
    void theScheduledEventIsAsEventBridgeSendsIt() throws Exception {
        ScheduleRule rule = new ScheduleRule("ProducerFunction", "my-rule", "eu-west-1", "111111111111",
                new RateExpression(Duration.ofMinutes(1), Instant.now()), true, null);

        JsonNode event = JSON.readTree(ScheduledEvent.forRule(rule, Instant.parse("2026-11-29T18:20:07.123Z")));

        assertThat(event.fieldNames()).toIterable()
                .containsExactly("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail");
        assertThat(event.get("version").asText()).isEqualTo("0");
        assertThat(event.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.get("source").asText()).isEqualTo("aws.events");
        assertThat(event.get("account").asText()).isEqualTo("111111111111");
        assertThat(event.get("time").asText()).isEqualTo("2026-11-29T18:20:07Z");
        assertThat(event.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(event.get("resources")).hasSize(1);
        assertThat(event.at("/resources/0").asText()).isEqualTo("arn:aws:events:eu-west-1:111111111111:rule/my-rule");
        assertThat(event.get("detail").isObject()).isTrue();
        assertThat(event.get("detail")).isEmpty();
    }

    // tests_schedule_rate_custom_input_target_sqs: a target's constant Input is delivered as it is, not wrapped.
    @Test
    void aConstantInputIsSentInsteadOfTheEvent() throws Exception {
        ScheduleRule rule = new ScheduleRule("ProducerFunction", "my-rule", "eu-west-1", "111111111111",
                new RateExpression(Duration.ofMinutes(1), Instant.now()), true, "{\"custom-value\": \"somecustominput\"}");

        JsonNode event = JSON.readTree(ScheduledEvent.forRule(rule, Instant.now()));

        assertThat(event).isEqualTo(JSON.readTree("{\"custom-value\":\"somecustominput\"}"));
    }
}
