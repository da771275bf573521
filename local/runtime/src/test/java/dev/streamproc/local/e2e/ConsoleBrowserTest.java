package dev.streamproc.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.demo.Demo;
import dev.streamproc.local.demo.DemoOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local console in a real browser: Debian's chromium, driven by playwright-core (browser/console-test.mjs),
 * against the demo stack while its producer runs. The script opens every page, explores EventData and queries it
 * by user, runs a named query, invokes the consumer from the Test tab, shows an XSS text literally, and watches a
 * live figure change; it fails on any dialog, page error, console error or request that leaves the console.
 * {@code -Dconsole.screenshots=DIR} also saves the README's screenshots there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String XSS = "<img src=x onerror=alert(1)>";
    static final Duration BROWSER_LIMIT = Duration.ofSeconds(150);

    Path dataDir;
    Demo demo;
    CompletableFuture<Void> producing;
    final ByteArrayOutputStream demoOutput = new ByteArrayOutputStream();

    @BeforeAll
    void startTheDemoStack() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install -y chromium; .ci/run installs it)").isExecutable();
        dataDir = Files.createTempDirectory("streamproc-console");
        DemoOptions options = DemoOptions.builder().tweets(2_000).rate(100).seed(11).malformed(0).notices(0).dataDir(dataDir).build();
        demo = new Demo(options, new PrintStream(demoOutput, true, StandardCharsets.UTF_8)).parameter("FirehoseBufferIntervalSeconds", "5");
        demo.start();
        demo.pipeline().cloud().dynamoDbClient().putItem(b -> b.tableName(demo.tableName()).item(Map.of(
                "Username", AttributeValue.fromS("console-xss"), "Id", AttributeValue.fromS("1"),
                "Message", AttributeValue.fromS(XSS + " \u001b[31m"))));
        producing = CompletableFuture.runAsync(() -> {
            try {
                demo.produce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // the script explores EventData: wait until the consumer has written a first batch
        Instant deadline = Instant.now().plusSeconds(60);
        while (itemCount() < 20 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
    }

    long itemCount() {
        return demo.pipeline().cloud().dynamoDbClient().scan(b -> b.tableName(demo.tableName()).limit(50)).count();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (producing != null) {
                producing.get(120, TimeUnit.SECONDS);
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
            TempFiles.delete(dataDir);
        }
    }

    @Test
    void everyPageWorksInChromiumWhileRecordsFlow() throws Exception {
        Path browserDir = RepoRoot.find().resolve("local/runtime/browser");
        assertThat(browserDir.resolve("node_modules/playwright-core/package.json"))
                .as("playwright-core (npm ci in local/runtime/browser; the Maven build runs it)").exists();
        List<String> command = new ArrayList<>(List.of("node", "console-test.mjs", demo.console().url(), "--user-with-xss", "console-xss"));
        String screenshots = System.getProperty("console.screenshots");
        if (screenshots != null) {
            Files.createDirectories(Path.of(screenshots));
            command.addAll(List.of("--screenshots", Path.of(screenshots).toAbsolutePath().toString()));
        }
        Path output = dataDir.resolve("browser-test.log");
        Process node = new ProcessBuilder(command).directory(browserDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = node.waitFor(BROWSER_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
        String log = Files.readString(output);
        System.out.println(log);

        assertThat(ended).as("the browser test ended within " + BROWSER_LIMIT.toSeconds() + " s").isTrue();
        assertThat(log).contains("all browser steps passed").doesNotContain("FAIL");
        assertThat(node.exitValue()).isZero();
    }
}
