package dev.streamproc.local.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The KPL's native {@code kinesis_producer}, extracted once from a producer jar and reused by every producer run
 * (the KPL's {@code NativeExecutable}). Left to itself the KPL inflates its 89 MB binary, hashes it and compares
 * it with the copy on disk at every start: 1.4 s to construct a producer on 2 cores, 0.6 s with the binary given.
 */
final class KplNativeBinary {

    private KplNativeBinary() {
    }

    /** The jar entry of this machine's binary, as the KPL names it; empty where the KPL ships none. */
    static Optional<String> entryForThisMachine() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        String arch = System.getProperty("os.arch", "");
        String platform = switch (arch) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64" -> "linux-aarch64";
            default -> null;
        };
        return Optional.ofNullable(platform).map(p -> "amazon-kinesis-producer-native-binaries/" + p + "/kinesis_producer");
    }

    /**
     * The binary of {@code entry} in {@code jar}, in {@code kpl-native/} beside the jar under its CRC and size (a jar
     * with another KPL gets its own copy); empty when the jar has no such entry or it cannot be written, and the KPL
     * then extracts it itself as usual.
     */
    static Optional<Path> extractBeside(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry binary = zip.getEntry(entry);
            if (binary == null || binary.getSize() <= 0) {
                return Optional.empty();
            }
            Path target = jar.toAbsolutePath().resolveSibling("kpl-native")
                    .resolve(Long.toHexString(binary.getCrc()) + "-" + binary.getSize()).resolve("kinesis_producer");
            if (Files.isRegularFile(target) && Files.size(target) == binary.getSize() && Files.isExecutable(target)) {
                return Optional.of(target);
            }
            Files.createDirectories(target.getParent());
            // written aside and moved into place: a producer starting meanwhile never runs half a binary
            Path partial = Files.createTempFile(target.getParent(), "kinesis_producer", ".partial");
            try {
                try (InputStream in = zip.getInputStream(binary)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                if (!partial.toFile().setExecutable(true, true)) {
                    return Optional.empty();
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return Optional.of(target);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
