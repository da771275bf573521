package dev.streamproc.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Class-data sharing per function code, as a Lambda image's CDS archive (and SnapStart) spares a cold start the
 * class loading: the first container of a code version records the classes it loaded into an AppCDS archive when it
 * stops; later containers of the same code map that archive instead of loading and verifying ~10,000 classes.
 *
 * <p>The JVM accepts an archive only for the classpath (paths as given, jar sizes and modification times) and JVM it
 * was recorded with; the archive's name is a digest of all of them, so a rebuilt jar or another JDK records a new one.
 * A container killed with SIGKILL records nothing; an unusable archive is ignored by the JVM ({@code -Xshare:auto}).
 */
final class ClassDataArchive {

    /** A recording abandoned by a process that died mid-dump stops blocking new recordings after this. */
    private static final Duration STALE_RECORDING = Duration.ofMinutes(10);
    /** Archives kept in the cache (newest first); older code versions' archives are deleted. */
    private static final int KEEP = 24;
    /** The JVM's CDS warnings go to stdout, which is the function's log: keep them out. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path archive;
    private final Path recording;
    private final boolean records;

    private ClassDataArchive(Path archive, Path recording, boolean records) {
        this.archive = archive;
        this.recording = recording;
        this.records = records;
    }

    /**
     * The archive of a container's classpath under {@code cacheDirectory}; starts a recording when there is none.
     *
     * @param classpath        as the container's JVM gets it, relative entries resolved against {@code workingDirectory}
     */
    static ClassDataArchive forClasspath(List<Path> classpath, Path workingDirectory, Path javaExecutable, Path cacheDirectory) {
        try {
            Files.createDirectories(cacheDirectory);
            String key = key(classpath, workingDirectory, javaExecutable);
            Path archive = cacheDirectory.resolve(key + ".jsa");
            Path recording = cacheDirectory.resolve(key + ".recording.jsa");
            boolean records = !Files.isRegularFile(archive) && claim(cacheDirectory.resolve(key + ".lock"));
            return new ClassDataArchive(archive, recording, records);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the class-data archive in " + cacheDirectory, e);
        }
    }

    /** True when this container's JVM writes the archive as it exits: it must exit normally, not be killed. */
    boolean recordsAtExit() {
        return records;
    }

    /** JVM options: map the archive when there is one, record one at exit when this container was chosen to. */
    List<String> jvmOptions() {
        if (records) {
            return concat("-XX:ArchiveClassesAtExit=" + recording);
        }
        return Files.isRegularFile(archive) ? concat("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    /** After the container's JVM has exited: a finished recording becomes the archive later containers map. */
    synchronized void containerExited() {
        if (!records) {
            return;
        }
        try {
            if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                pruneOldArchives(archive.getParent());
            }
            Files.deleteIfExists(recording);
            Files.deleteIfExists(lockOf(archive));
        } catch (IOException e) {
            // the next container simply records again
        }
    }

    private static void pruneOldArchives(Path cacheDirectory) throws IOException {
        try (var files = Files.list(cacheDirectory)) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().matches("[0-9a-f]+\\.jsa"))
                    .sorted(java.util.Comparator.comparing(ClassDataArchive::modifiedOrEpoch).reversed()).toList();
            for (Path old : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static Instant modifiedOrEpoch(Path file) {
        return modified(file).orElse(Instant.EPOCH);
    }

    private static Path lockOf(Path archive) {
        String name = archive.getFileName().toString();
        return archive.resolveSibling(name.substring(0, name.length() - ".jsa".length()) + ".lock");
    }

    private static boolean claim(Path lock) throws IOException {
        try {
            Files.createFile(lock);
            return true;
        } catch (FileAlreadyExistsException held) {
            Optional<Instant> since = modified(lock);
            if (since.isPresent() && since.get().isBefore(Instant.now().minus(STALE_RECORDING))) {
                Files.deleteIfExists(lock);
                return claim(lock);
            }
            return false;
        }
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    private static String key(List<Path> classpath, Path workingDirectory, Path javaExecutable) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, javaExecutable.toRealPath().toString());
            update(digest, System.getProperty("java.vm.version", ""));
            for (Path entry : classpath) {
                update(digest, entry.toString());
                Path file = workingDirectory.resolve(entry);
                if (Files.isRegularFile(file)) {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    update(digest, attributes.size() + ":" + attributes.lastModifiedTime().toMillis());
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String part) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static List<String> concat(String option) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(option), QUIET.stream()).toList();
    }
}
