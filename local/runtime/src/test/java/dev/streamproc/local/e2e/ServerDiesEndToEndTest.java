package dev.streamproc.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.cli.Streamproc;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.ServerEvent;
import dev.streamproc.local.cloud.server.KinesisServer;
import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.demo.Accounting;
import dev.streamproc.local.demo.Demo;
import dev.streamproc.local.demo.DemoOptions;
import dev.streamproc.local.demo.DemoReport;
import dev.streamproc.local.demo.DemoSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kinesis-mock killed with {@code kill -9} in the middle of a demo run, on the real stack (issue 11, item 8). It is
 * started again with its saved streams and the pipeline reads on; and when it cannot be started again, the demo
 * stops waiting, names the server, prints what it had counted and writes its summary JSON.
 */
class ServerDiesEndToEndTest {

    static final int TWEETS = 1_200;
    static final int RATE = 120;

    @Test
    @Timeout(600)
    void kinesisKilledMidRunIsStartedAgainAndEveryRecordOnTheStreamReachesBothPaths() throws Exception {
        Path dataDir = Files.createTempDirectory("streamproc-e2e-kill");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        DemoOptions options = DemoOptions.builder().tweets(TWEETS).rate(RATE).seed(23).malformed(0).notices(0).dataDir(dataDir).build();
        try (Demo demo = new Demo(options, out)) {
            demo.start();
            AtomicReference<Long> killedPid = new AtomicReference<>();
            Thread killer = new Thread(() -> {
                // kill it once the consumer has been storing tweets for a while (the report killed it 20 s into a run)
                if (awaitQuietly(Duration.ofMinutes(3), () -> demo.pipeline().mappings().get(0).metrics().recordsDelivered() > 0)) {
                    sleepQuietly(Duration.ofSeconds(4));
                    long pid = demo.pipeline().cloud().kinesisServer().pid();
                    killedPid.set(pid);
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }, "kill-kinesis");
            killer.start();
            demo.produce();
            DemoReport report = demo.drain();
            killer.join();
            DemoSummary.print(report, out);
            String printed = console.toString(StandardCharsets.UTF_8);
            System.out.println(printed);

            assertThat(killedPid.get()).as("kinesis was killed mid-run").isNotNull();
            List<ServerEvent> events = report.serverEvents();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).server()).isEqualTo("kinesis");
            assertThat(events.get(0).restarted()).isTrue();
            assertThat(printed).contains("local cloud: the kinesis server (pid " + killedPid.get()).contains("started it again");

            Accounting a = report.accounting();
            // both paths caught up with the stream after the restart: nothing it holds was skipped
            assertThat(printed).doesNotContain("Gave up waiting");
            assertThat(a.consumerAccounted()).isGreaterThanOrEqualTo(a.userRecords());
            assertThat(a.archiveAccounted()).isGreaterThanOrEqualTo(a.userRecords());
            assertThat(a.consumerRejected() + a.consumerOnFailure() + a.processingFailed()).isZero();
            // kinesis-mock saves its streams every save interval: what it acknowledged since its last save before dying
            // can be gone from it (records the pipeline had read before are in EventData and S3 all the same)
            long lostFromTheStream = a.produced() - a.distinctRecords();
            System.out.println("acknowledged, then lost with kinesis-mock's last unsaved interval: " + lostFromTheStream
                    + "; of them already archived: " + (a.archiveAccounted() - a.userRecords()));
            long saveIntervalSeconds = KinesisServer.CRASH_RECOVERY_SAVE_INTERVAL.toSeconds();
            assertThat(lostFromTheStream).as("one save interval (%d s) plus the save itself on a busy machine", saveIntervalSeconds)
                    .isBetween(0L, (saveIntervalSeconds + 2) * RATE);
            if (lostFromTheStream > 0) {
                assertThat(printed).contains("lost " + lostFromTheStream + " records it had acknowledged");
            }
            assertThat(a.producerFailed()).isZero();
        } finally {
            TempFiles.delete(dataDir);
        }
    }

    @Test
    @Timeout(600)
    void whenKinesisCannotBeStartedAgainTheDemoNamesItPrintsWhatItCountedAndWritesItsSummary() throws Exception {
        Path dataDir = Files.createTempDirectory("streamproc-e2e-lost");
        Path summary = dataDir.resolve("summary.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicReference<ServerSocket> squatter = new AtomicReference<>();
        java.util.regex.Pattern storing = java.util.regex.Pattern.compile("in EventData [1-9]");
        Thread killer = new Thread(() -> {
            // once the consumer has stored tweets (the progress line says so): kill -9 kinesis-mock and take its TLS
            // port, so that it cannot come back
            if (!awaitQuietly(Duration.ofMinutes(3), () -> stateOf(dataDir).isPresent()
                    && storing.matcher(out.toString(StandardCharsets.UTF_8)).find())) {
                return;
            }
            LocalState.Server kinesis = stateOf(dataDir).orElseThrow().servers().stream().filter(s -> s.name().equals("kinesis"))
                    .findFirst().orElseThrow();
            ProcessHandle process = ProcessHandle.of(kinesis.pid()).orElseThrow();
            process.destroyForcibly();
            process.onExit().join();
            try {
                squatter.set(new ServerSocket(kinesis.ports().get(0), 50, InetAddress.getByName("127.0.0.1")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not take the port of the killed server", e);
            }
        }, "kill-kinesis");
        killer.start();
        int status;
        try {
            status = Streamproc.run(List.of("demo", "--tweets", "5000", "--rate", "200", "--data-dir", dataDir.toString(),
                    "--summary-json", summary.toString(), "--drain-timeout", "2m"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            killer.join();
        } finally {
            if (squatter.get() != null) {
                squatter.get().close();
            }
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.println(printed + err.toString(StandardCharsets.UTF_8));
        try {
            assertThat(squatter.get()).as("the port was taken after the kill").isNotNull();
            assertThat(status).isEqualTo(1);
            List<String> lostLines = printed.lines().filter(l -> l.contains("local cloud: the kinesis server")).toList();
            assertThat(lostLines).as("one line naming the server and what to run").hasSize(1);
            assertThat(lostLines.get(0)).contains("did not start again").contains("./streamproc up");
            assertThat(printed).contains("Where every record went").contains("EventData items").doesNotContain("SDK Attempt Count");
            assertThat(printed).contains("The kinesis server was lost during the run");
            assertThat(summary).isRegularFile();
            JsonNode json = new ObjectMapper().readTree(summary.toFile());
            assertThat(json.path("accounting_closes").asBoolean()).isFalse();
            assertThat(json.path("eventdata_items").asLong()).isPositive();
            assertThat(json.path("server_events").get(0).path("server").asText()).isEqualTo("kinesis");
            assertThat(json.path("problems").toString()).contains("the kinesis server was lost during the run");
        } finally {
            TempFiles.delete(dataDir);
        }
    }

    private static Optional<LocalState> stateOf(Path dataDir) {
        try {
            return LocalState.read(LocalCloudConfig.stateFile(dataDir));
        } catch (RuntimeException torn) {
            return Optional.empty();
        }
    }

    private static boolean awaitQuietly(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleepQuietly(Duration.ofMillis(200));
        }
        return true;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
