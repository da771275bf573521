package dev.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.process.LocalState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} whose kinesis-mock is killed with {@code kill -9} and cannot come back (its port taken): one line names
 * the server and what to run, and {@code up} stops everything with exit status 1 (issue 11, item 8).
 */
@Timeout(180)
class UpLostServerTest {

    /** Servers other test classes share in this JVM (e.g. StreamTestServers) are not this test's. */
    private final java.util.Set<ProcessHandle> childrenBefore = java.util.Set.copyOf(ProcessHandle.current().children().toList());

    @TempDir
    Path dataDir;

    @Test
    void aServerThatCannotComeBackStopsUpWithOneLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> up = CompletableFuture.supplyAsync(() -> Streamproc.run(
                List.of("up", "--free-ports", "--data-dir", dataDir.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains("ready in") && !up.isDone()) {
            assertThat(System.nanoTime() - deadline).as("up did not become ready: %s", err).isNegative();
            Thread.sleep(100);
        }
        LocalState.Server kinesis = state().orElseThrow().servers().stream().filter(s -> s.name().equals("kinesis")).findFirst().orElseThrow();
        ProcessHandle process = ProcessHandle.of(kinesis.pid()).orElseThrow();
        process.destroyForcibly();
        process.onExit().join();
        int status;
        try (ServerSocket squatter = new ServerSocket(kinesis.ports().get(0), 50, InetAddress.getByName("127.0.0.1"))) {
            status = up.get(90, TimeUnit.SECONDS);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed + err.toString(StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(printed.lines().filter(l -> l.contains("the kinesis server"))).singleElement().asString()
                .startsWith("local cloud: the kinesis server (pid " + kinesis.pid()).contains("did not start again").contains("./streamproc up");
        assertThat(printed).contains("stopping...");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).filter(p -> !childrenBefore.contains(p)).toList()).isEmpty();
        assertThat(state()).isEmpty();
    }

    private Optional<LocalState> state() {
        try {
            return LocalState.read(LocalCloudConfig.stateFile(dataDir));
        } catch (RuntimeException torn) {
            return Optional.empty();
        }
    }
}
