package dev.streamproc.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The producer CLI's options (picocli): same names and defaults as before, one-line usage errors. */
class CliOptionsTest {

    @Test
    void defaultsDependOnTheSource() {
        CliOptions synthetic = CliOptions.parse(new String[] {"--stream", "s"});
        assertThat(synthetic.source()).isEqualTo("synthetic");
        assertThat(synthetic.producer()).isEqualTo("kpl");
        assertThat(synthetic.count()).isEqualTo(1_000);
        assertThat(synthetic.rate()).isZero();
        assertThat(synthetic.seed()).isEqualTo(42);
        assertThat(synthetic.progressEvery()).isEqualTo(Duration.ofSeconds(1));
        assertThat(CliOptions.parse(new String[] {"--stream", "s", "--source", "replay:f.json"}).count())
                .isEqualTo(Long.MAX_VALUE);
        assertThat(CliOptions.parse(new String[] {"--stream", "s", "--duration", "30s"}).count()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void everyOptionIsRead() {
        CliOptions o = CliOptions.parse(new String[] {"--stream", "s", "--source", "replay:/tmp/c.json", "--producer",
                "put-records", "--rate", "500", "--count", "7", "--duration", "2m", "--seed", "9", "--topic", "t",
                "--summary-json", "out.json", "--endpoint", "https://127.0.0.1:4567", "--progress", "500ms"});
        assertThat(o).isEqualTo(new CliOptions("s", "replay:/tmp/c.json", 500, 7, Optional.of(Duration.ofMinutes(2)), 9,
                Optional.of("t"), Optional.of(Path.of("out.json")), Optional.of("https://127.0.0.1:4567"),
                Duration.ofMillis(500), o.start(), "put-records"));
    }

    @Test
    void usageErrorsAreOneClearLine() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {})).hasMessageContaining("--stream");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--stream", "s", "--bogus", "1"}))
                .hasMessageContaining("Unknown options: '--bogus'");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--stream", "s", "--producer", "kinesis"}))
                .hasMessage("--producer must be kpl or put-records, got 'kinesis'");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--stream", "s", "--rate", "-1"}))
                .hasMessage("--rate must be >= 0");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--stream", "s", "--duration", "soon"}))
                .hasMessageContaining("must be a duration like 30s");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--stream", "s", "--source", "replay"}))
                .hasMessageContaining("--source must be synthetic, replay:FILE");
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--stream", "s", "--rate", "fast"}))
                .isInstanceOf(CliOptions.UsageException.class).message().doesNotContain("\n");
    }

    @Test
    void helpIsAskedForAndListsEveryOption() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"--help"}))
                .isInstanceOf(CliOptions.UsageException.class).hasMessage(null);
        assertThat(CliOptions.usage()).contains("--stream", "--source", "--producer", "--rate", "--count", "--duration",
                "--seed", "--start", "--topic", "--summary-json", "--endpoint", "--progress");
    }
}
