package dev.streamproc.local.console;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The console's line in {@code streamproc status}: the URL the running stack wrote, probed. */
public final class ConsoleStatus {

    private ConsoleStatus() {
    }

    /** {@code console   up    <url>} (or DOWN), or empty when no console was started from this data directory. */
    public static Optional<String> line(Path dataDir) {
        Path file = dataDir.resolve("console.url");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String url = Files.readString(file).trim();
            return Optional.of(String.format("  %-9s %-5s %-12s %s", "console", answers(url) ? "up" : "DOWN", "", url));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean answers(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            int status = c.getResponseCode();
            c.disconnect();
            return status == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
