package dev.streamproc.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A deployment package in Lambda's Java zip layout — classes and resources at the root, dependencies as
 * {@code lib/*.jar} — unpacked once per version of the zip into the data directory. Its classpath is the root
 * folder, then the jars of {@code lib/} in name order (AWS documents the layout, not an order).
 * See AWS's "Deploy Java Lambda functions with .zip or JAR file archives".
 */
final class LambdaZip {

    private LambdaZip() {
    }

    /** Unpacks {@code zip} under {@code unpackRoot} unless this version of it is already there; returns its classpath. */
    static List<Path> classpath(Path zip, Path unpackRoot) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(zip, BasicFileAttributes.class);
            String base = zip.getFileName().toString().replaceFirst("\\.zip$", "");
            Path folder = unpackRoot.resolve(base + "-" + attributes.lastModifiedTime().toMillis() + "-" + attributes.size());
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(unpackRoot);
                Path partial = Files.createTempDirectory(unpackRoot, base + ".partial");
                unzip(zip, partial);
                try {
                    Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    deleteTree(partial); // another runtime unpacked the same version first
                    if (!Files.isDirectory(folder)) {
                        throw raced;
                    }
                }
            }
            List<Path> classpath = new ArrayList<>();
            classpath.add(folder);
            Path lib = folder.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().forEach(classpath::add);
                }
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the deployment package " + zip + ": " + e.getMessage(), e);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("entry " + entry.getName() + " points outside the package");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
