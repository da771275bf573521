package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShardProgressTest {

    @Test
    void theCheckpointOnlyPassesARecordOnceEveryEarlierRecordIsHandled() {
        ShardProgress progress = new ShardProgress();
        progress.read(List.of("1", "2", "3", "4"));

        progress.handled("3");
        assertThat(progress.advance()).isEmpty();

        progress.handled("1");
        assertThat(progress.advance()).contains("1");

        progress.handled("2");
        assertThat(progress.advance()).contains("3");
        assertThat(progress.inFlight()).isEqualTo(1);
        assertThat(progress.checkpoint()).isEqualTo("3");
    }
}
