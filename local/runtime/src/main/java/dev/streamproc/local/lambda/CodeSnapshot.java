package dev.streamproc.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lambda runs an immutable copy of the deployment package; so do containers here. A container starts from a
 * snapshot of each jar (copied once per jar version), so {@code ./mvnw package} while the stack is up neither
 * breaks running containers (a jar rewritten under an open JVM loses classes) nor is ignored: new containers
 * get the new code, as after a deployment. Class folders (tests) are used as they are.
 */
final class CodeSnapshot {

    private CodeSnapshot() {
    }

    static List<Path> of(List<Path> classpath, Path snapshotDirectory) {
        List<Path> snapshot = new ArrayList<>(classpath.size());
        for (Path entry : classpath) {
            snapshot.add(Files.isRegularFile(entry) ? copyOf(entry, snapshotDirectory) : entry);
        }
        return snapshot;
    }

    private static Path copyOf(Path jar, Path snapshotDirectory) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            String name = jar.getFileName().toString();
            String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
            Path copy = snapshotDirectory.resolve(base + "-" + attributes.lastModifiedTime().toMillis() + "-" + attributes.size() + ".jar");
            if (!Files.isRegularFile(copy)) {
                Files.createDirectories(snapshotDirectory);
                Path partial = Files.createTempFile(snapshotDirectory, base, ".partial");
                // the jar's own time: a class-data archive recorded from this snapshot stays valid for the next copy of it
                Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeOlderVersions(snapshotDirectory, base, copy);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot snapshot the deployment jar " + jar, e);
        }
    }

    /** Containers still running an older version keep their open file (Linux), new ones never look for it. */
    private static void removeOlderVersions(Path snapshotDirectory, String base, Path current) throws IOException {
        try (Stream<Path> files = Files.list(snapshotDirectory)) {
            for (Path old : files.filter(f -> !f.equals(current) && f.getFileName().toString().matches(Pattern.quote(base) + "-\\d+-\\d+\\.jar")).toList()) {
                Files.deleteIfExists(old);
            }
        }
    }
}
