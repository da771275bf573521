package dev.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.streamproc.local.demo.DemoOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code streamproc demo}'s options as the command parses them. */
class DemoCommandOptionsTest {

    @Test
    void defaultsAreTwoThousandSyntheticTweetsWithBadInput() {
        DemoOptions o = DemoCommand.parse(List.of());

        assertThat(o.tweets()).isEqualTo(2000);
        assertThat(o.malformed()).isEqualTo(5);
        assertThat(o.notices()).isEqualTo(3);
        assertThat(o.start()).as("synthetic tweets start with the run").isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(o.producerArguments()).containsExactly("--producer", "kpl", "--source", "synthetic", "--rate", "500", "--seed", "42",
                "--start", o.start().toString(), "--count", "2000");
    }

    @Test
    void readsEveryOption() {
        DemoOptions o = DemoCommand.parse(List.of("--duration", "30s", "--rate", "12.5", "--seed", "7", "--malformed", "2",
                "--notices", "0", "--keep", "--summary-json", "out.json", "--verbose", "--data-dir", "d", "--drain-timeout", "2m", "--producer", "put-records"));

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.producerArguments()).containsExactly("--producer", "put-records", "--source", "synthetic", "--rate", "12.500", "--seed", "7",
                "--start", o.start().toString(), "--duration", "30000ms");
        assertThat(o.keep()).isTrue();
        assertThat(o.verbose()).isTrue();
        assertThat(o.summaryJson()).isEqualTo(Path.of("out.json"));
        assertThat(o.dataDir()).isEqualTo(Path.of("d"));
        assertThat(o.drainTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.acceptRejected()).isFalse();
        assertThat(DemoCommand.parse(List.of("--accept-rejected")).acceptRejected()).isTrue();
        assertThat(DemoCommand.parse(List.of()).producer()).isEqualTo("kpl");
        assertThat(o.toBuilder().malformed(2).notices(0).build().malformed()).isEqualTo(2);
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> DemoCommand.parse(List.of("--tweets", "10", "--duration", "5s"))).hasMessageContaining("not both");
        assertThatThrownBy(() -> DemoCommand.parse(List.of("--tweets", "0"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> DemoCommand.parse(List.of("--rate", "-1"))).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> DemoCommand.parse(List.of("--producer", "kcl"))).hasMessageContaining("kpl or put-records");
        assertThatThrownBy(() -> DemoCommand.parse(List.of("--duration", "soon"))).hasMessageContaining("30s");
        assertThatThrownBy(() -> DemoCommand.parse(List.of("--source", "twitter4j"))).hasMessageContaining("synthetic or replay:FILE");
        assertThatThrownBy(() -> DemoCommand.parse(List.of("--source", "replay:/no/such/file"))).hasMessageContaining("not found");
        assertThatThrownBy(() -> DemoCommand.parse(List.of("--seed"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DemoCommand.parse(List.of("--bogus"))).hasMessageContaining("unexpected argument");
    }
}
