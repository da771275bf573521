package dev.streamproc.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.lambda.LambdaInvoker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An enabled {@code rate(...)} rule firing from now, in the local account and region, without Input. */
    private static ScheduleRule enabledRule(String function, String ruleName, Duration every) {
        return new ScheduleRule(function, ruleName, "us-east-1", "000000000000", new RateExpression(every, Instant.now()), true, null);
    }

    private static ScheduleRule disabledRule(String function, String ruleName, Duration every) {
        return new ScheduleRule(function, ruleName, "us-east-1", "000000000000", new RateExpression(every, Instant.now()), false, null);
    }

    /** An enabled rule with a constant {@code Input} (JSON text) sent instead of the scheduled event. */
    private static ScheduleRule ruleWithInput(String function, String ruleName, Duration every, String input) {
        return new ScheduleRule(function, ruleName, "us-east-1", "000000000000", new RateExpression(every, Instant.now()), true, input);
    }

    /** Records what the scheduler sends; the function itself is not the subject here. */
    private static final class RecordingInvoker implements LambdaInvoker {
        final List<String> functions = new CopyOnWriteArrayList<>();
        final List<JsonNode> events = new CopyOnWriteArrayList<>();

        @Override
        public InvocationResult invoke(String functionId, byte[] event) {
            functions.add(functionId);
            try {
                events.add(JSON.readTree(event));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return InvocationResult.success("null".getBytes(), Duration.ofMillis(1));
        }
    }

    @Test
    void invokesTheFunctionOnEachFiringWithTheEventBridgeScheduledEvent() throws Exception {
        RecordingInvoker invoker = new RecordingInvoker();
        ScheduleRule rule = enabledRule("ProducerFunction", "streamproc-ProducerFunctionPoll", Duration.ofMillis(200));
        ScheduleRule disabled = disabledRule("ConsumerFunction", "streamproc-Disabled", Duration.ofMillis(200));

        try (Scheduler scheduler = new Scheduler(invoker, List.of(rule, disabled), Clock.systemUTC(), line -> { }).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> invoker.events.size() >= 3);
            assertThat(scheduler.firings().get("streamproc-Disabled")).isZero();
        }

        assertThat(invoker.functions).containsOnly("ProducerFunction");
        JsonNode event = invoker.events.get(0);
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("id").asText()).hasSize(36);
        assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
        assertThat(event.path("account").asText()).isEqualTo("000000000000");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(event.path("resources")).hasSize(1);
        assertThat(event.path("resources").get(0).asText()).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/streamproc-ProducerFunctionPoll");
        assertThat(event.path("detail").isObject()).isTrue();
        assertThat(event.path("detail").size()).isZero();
        assertThat(invoker.events).extracting(e -> e.path("id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void sendsTheRulesConstantInputInsteadWhenItHasOne() throws Exception {
        RecordingInvoker invoker = new RecordingInvoker();
        ScheduleRule rule = ruleWithInput("ProducerFunction", "with-input", Duration.ofMillis(100), "{\"tweets\":5}");

        try (Scheduler scheduler = new Scheduler(invoker, List.of(rule), Clock.systemUTC(), line -> { }).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !invoker.events.isEmpty());
        }

        assertThat(invoker.events.get(0)).isEqualTo(JSON.readTree("{\"tweets\":5}"));
    }

    @Test
    void retriesAFailedInvocationTwiceWithTheSameEventAsLambdaAsyncDoes() throws Exception {
        List<JsonNode> attempts = new CopyOnWriteArrayList<>();
        LambdaInvoker failing = (function, event) -> {
            try {
                attempts.add(JSON.readTree(event));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return LambdaInvoker.InvocationResult.error("java.lang.RuntimeException", "down", Duration.ofMillis(1));
        };
        List<String> log = new CopyOnWriteArrayList<>();
        ScheduleRule rule = enabledRule("ProducerFunction", "often", Duration.ofMillis(300));

        try (Scheduler scheduler = new Scheduler(failing, List.of(rule), Clock.systemUTC(), log::add,
                List.of(Duration.ofMillis(50), Duration.ofMillis(100))).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.failures().get("often") > 0);
        }

        // each firing is one event id, attempted at most three times; the exhausted one was tried exactly three
        Map<String, Long> attemptsPerEvent = attempts.stream()
                .collect(java.util.stream.Collectors.groupingBy(e -> e.path("id").asText(), java.util.stream.Collectors.counting()));
        assertThat(attemptsPerEvent.values()).allMatch(n -> n <= 3).contains(3L);
        assertThat(log).last().asString().contains("failed after 3 attempts").contains("java.lang.RuntimeException: down");
    }

    @Test
    void readsSamScheduleEventProperties() {
        ScheduleRule rule = ScheduleRule.fromSam("ProducerFunction", "streamproc-ProducerFunctionPoll", "us-east-1", "000000000000",
                Map.of("Schedule", "rate(1 minute)", "State", "DISABLED"));
        ScheduleRule named = ScheduleRule.fromSam("ProducerFunction", "default", "us-east-1", "000000000000",
                Map.of("Schedule", "cron(0 10 * * ? *)", "Enabled", false, "Name", "daily", "Input", "{}"));

        assertThat(rule.enabled()).isFalse();
        assertThat(rule.expression()).isInstanceOf(RateExpression.class);
        assertThat(named.enabled()).isFalse();
        assertThat(named.ruleName()).isEqualTo("daily");
        assertThat(named.input()).isEqualTo("{}");
        assertThat(named.expression()).isInstanceOf(CronExpression.class);
    }
}
