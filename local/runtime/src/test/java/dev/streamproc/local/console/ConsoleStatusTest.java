package dev.streamproc.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console's line in {@code streamproc status}. */
@Timeout(30)
class ConsoleStatusTest {

    @TempDir
    Path dataDir;

    @Test
    void aRunningConsoleIsListedUpWithItsUrl() throws Exception {
        try (ConsoleServer server = ConsoleServer.start(0, new Routes())) {
            Files.writeString(dataDir.resolve("console.url"), server.url() + "\n");

            assertThat(ConsoleStatus.line(dataDir)).hasValueSatisfying(line ->
                    assertThat(line.trim()).matches("console\\s+up\\s+" + java.util.regex.Pattern.quote(server.url())));
        }
    }

    @Test
    void aConsoleThatDoesNotAnswerIsListedDown() throws Exception {
        int port;
        try (ConsoleServer server = ConsoleServer.start(0, new Routes())) {
            port = server.port();
        }
        Files.writeString(dataDir.resolve("console.url"), "http://127.0.0.1:" + port + "/\n");

        assertThat(ConsoleStatus.line(dataDir)).hasValueSatisfying(line -> assertThat(line).contains("DOWN"));
    }

    @Test
    void noConsoleNoLine() {
        assertThat(ConsoleStatus.line(dataDir)).isEmpty();
    }
}
