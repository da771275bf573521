package dev.streamproc.local.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lambda developer guide, "How Lambda handles errors and retries with asynchronous invocation". */
class AsyncRetryPolicyTest {

    @Test
    void withoutEventInvokeConfigLambdaRetriesTwiceAfterOneThenTwoMinutes() {
        AsyncRetryPolicy policy = AsyncRetryPolicy.of(null);
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.retries(1, Duration.ZERO)).isTrue();
        assertThat(policy.retries(2, Duration.ZERO)).isFalse();
    }

    @Test
    void anEventOlderThanTheMaximumAgeIsNotTriedAgain() {
        AsyncRetryPolicy policy = AsyncRetryPolicy.of(Map.of("MaximumEventAgeInSeconds", 90));
        assertThat(policy.retries(0, Duration.ofSeconds(10))).isTrue();
        assertThat(policy.retries(0, Duration.ofSeconds(31))).isFalse();
    }

    @Test
    void outOfRangeSettingsAreOneLineNamingTheSetting() {
        assertThatThrownBy(() -> AsyncRetryPolicy.of(Map.of("MaximumRetryAttempts", 3)))
                .hasMessage("MaximumRetryAttempts must be 0..2, was 3");
        assertThatThrownBy(() -> AsyncRetryPolicy.of(Map.of("MaximumEventAgeInSeconds", 59)))
                .hasMessage("MaximumEventAgeInSeconds must be 60..21600, was 59");
    }

    @Test
    void destinationsOfAsynchronousInvocationsAreRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> AsyncRetryPolicy.of(Map.of("DestinationConfig", Map.of("OnFailure", Map.of("Type", "SQS")))))
                .hasMessageContaining("DestinationConfig").hasMessageContaining("not run locally");
    }
}
