package dev.streamproc.local.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

final class TempFiles {

    private TempFiles() {
    }

    /** Deletes a directory tree; kept when STREAMPROC_KEEP_E2E is set, to look at a run afterwards. */
    static void delete(Path dir) {
        if (dir == null || System.getenv("STREAMPROC_KEEP_E2E") != null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
