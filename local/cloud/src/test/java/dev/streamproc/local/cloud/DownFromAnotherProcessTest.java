package dev.streamproc.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.CloudStatus.ServerStatus;
import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.cloud.process.RepoRoot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code status} and {@code down} do: find a local cloud of another process through its state file. */
class DownFromAnotherProcessTest {

    @TempDir
    Path dataDir;

    @Test
    void statusReportsAKilledKinesisServerAndDownStillStopsEverything() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-D" + RepoRoot.PROPERTY + "=" + RepoRoot.find(), CloudInAnotherProcess.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            for (String line = output.readLine(); !"READY".equals(line); line = output.readLine()) {
                assertThat(line).as("the cloud process ended before it was ready").isNotNull();
            }
            LocalState state = CloudStatus.state(dataDir).orElseThrow();
            assertThat(state.pid()).isEqualTo(owner.pid());
            assertThat(CloudStatus.check(dataDir)).extracting(ServerStatus::up).containsOnly(true);
            List<ProcessHandle> tree = owner.toHandle().descendants().toList();
            assertThat(tree).isNotEmpty();

            long kinesisPid = state.servers().stream().filter(s -> s.name().equals("kinesis")).findFirst().orElseThrow().pid();
            ProcessHandle kinesis = ProcessHandle.of(kinesisPid).orElseThrow();
            kinesis.destroyForcibly();
            kinesis.onExit().get();
            assertThat(CloudStatus.check(dataDir)).filteredOn(s -> s.name().equals("kinesis")).extracting(ServerStatus::up).containsExactly(false);
            assertThat(CloudStatus.check(dataDir)).filteredOn(s -> !s.name().equals("kinesis")).extracting(ServerStatus::up).containsOnly(true);

            assertThat(CloudStatus.stop(dataDir, Duration.ofSeconds(10))).isTrue();
            assertThat(owner.isAlive()).isFalse();
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(CloudStatus.state(dataDir)).isEmpty();
            assertThat(CloudStatus.stop(dataDir, Duration.ofSeconds(1))).as("nothing left to stop").isFalse();
        } finally {
            owner.destroyForcibly();
        }
    }
}
