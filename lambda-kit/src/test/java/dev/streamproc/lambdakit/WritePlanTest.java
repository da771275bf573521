package dev.streamproc.lambdakit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WritePlanTest {

    @Test
    void keepsOneItemPerKeyTheLastOneAndCountsTheRepeats() {
        WritePlan<String, String> plan = new WritePlan<>();
        plan.add("a", "first", "1");
        plan.add("b", "other", "2");
        plan.add("a", "second", "3");

        assertThat(plan.items()).containsExactly(java.util.Map.entry("a", "second"), java.util.Map.entry("b", "other"));
        assertThat(plan.collapsedDuplicates()).isEqualTo(1);
    }

    @Test
    void namesEveryOwnerOfAnUnwrittenKeyInDeliveryOrder() {
        WritePlan<String, String> plan = new WritePlan<>();
        plan.add("a", "x", "3");
        plan.add("b", "y", "2");
        plan.add("a", "x", "1");

        assertThat(plan.sequenceNumbersToRetry(List.of("1", "2", "3"), Set.of("a"))).containsExactly("1", "3");
        assertThat(plan.sequenceNumbersToRetry(List.of("1", "2", "3"), Set.of())).isEmpty();
    }
}
