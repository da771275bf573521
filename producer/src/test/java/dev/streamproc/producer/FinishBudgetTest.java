package dev.streamproc.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The final wait is sized from what is pending, within the sink's guarantee. */
class FinishBudgetTest {

    private static final Duration KPL_LOCAL = Duration.ofSeconds(335); // TTL 300 s + request 30 s + 5 s

    @Test
    void twentyThousandPendingAtFourHundredPerSecondGetThreeTimesTheirDrainTime() {
        // issue 13: draining 20,000 records took ~45 s; the old constant 60 s left little head room
        assertThat(FinishBudget.forPending(20_000, 400, KPL_LOCAL)).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void aFewPendingRecordsStillGetTheMinimum() {
        assertThat(FinishBudget.forPending(10, 1_000, KPL_LOCAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(FinishBudget.forPending(0, 0, KPL_LOCAL)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withoutAnyOutcomeSoFarOrOnAVerySlowRunTheWaitIsTheSinksGuaranteeForARetriedRecord() {
        assertThat(FinishBudget.forPending(5_000, 0, KPL_LOCAL)).isEqualTo(KPL_LOCAL.multipliedBy(2));
        assertThat(FinishBudget.forPending(5_000, 1, KPL_LOCAL)).isEqualTo(KPL_LOCAL.multipliedBy(2));
    }
}
