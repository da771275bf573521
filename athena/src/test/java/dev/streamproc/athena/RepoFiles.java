package dev.streamproc.athena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files these tests compare: athena/ddl, athena/queries and the repository's template.yaml. */
final class RepoFiles {

    /** Surefire runs in the module directory (athena/); the repository root is its parent. */
    static final Path ATHENA = Path.of("").toAbsolutePath();
    static final Path ROOT = ATHENA.getParent();
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final Path DDL = ATHENA.resolve("ddl");
    static final Path QUERIES = ATHENA.resolve("queries");

    private RepoFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> queryFiles() {
        try (Stream<Path> files = Files.list(QUERIES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code top_hashtags.sql} → {@code top_hashtags}: the named query's Name in the template. */
    static String baseName(Path sqlFile) {
        String name = sqlFile.getFileName().toString();
        return name.substring(0, name.length() - ".sql".length());
    }
}
