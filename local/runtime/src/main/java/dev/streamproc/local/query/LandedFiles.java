package dev.streamproc.local.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a table's objects are on disk. The local S3 (s3proxy) stores object {@code <bucket>/<key>} as
 * the file {@code <s3Dir>/<bucket>/<key>}; the table's key template ({@code storage.location.template}
 * or LOCATION) says which keys belong to it and where its partition values are in the key.
 */
final class LandedFiles {

    private final AthenaTable table;
    private final Pattern keyPattern;

    LandedFiles(AthenaTable table) {
        this.table = table;
        this.keyPattern = Pattern.compile(keyRegex(table));
    }

    /**
     * Regex over {@code <bucket>/<key>} with one group per partition column, in DDL order. A projected
     * date partition with format {@code yyyy/MM/dd/HH} spans four path segments.
     */
    static String keyRegex(AthenaTable table) {
        String template = table.keyTemplate();
        if (!template.isEmpty() && !template.endsWith("/")) {
            template = template + "/";
        }
        StringBuilder regex = new StringBuilder("([^/]+)/");
        Matcher placeholder = Pattern.compile("\\$\\{([^}]+)}").matcher(template);
        int last = 0;
        boolean partitioned = false;
        while (placeholder.find()) {
            regex.append(Pattern.quote(template.substring(last, placeholder.start())));
            String format = table.projectionFormat(placeholder.group(1));
            int segments = format == null ? 1 : format.split("/", -1).length;
            regex.append("([^/]+").append("(?:/[^/]+)".repeat(segments - 1)).append(')');
            last = placeholder.end();
            partitioned = true;
        }
        regex.append(Pattern.quote(template.substring(last)));
        // Files directly in a partition's folder; an unpartitioned location is read recursively, as Athena does.
        regex.append(partitioned ? "[^/]+" : ".+");
        return regex.toString();
    }

    /** Group index of a partition column in {@link #keyRegex} (group 1 is the bucket). */
    int partitionGroup(String partition) {
        Matcher placeholder = Pattern.compile("\\$\\{([^}]+)}").matcher(table.keyTemplate());
        int group = 2;
        while (placeholder.find()) {
            if (placeholder.group(1).equalsIgnoreCase(partition)) {
                return group;
            }
            group++;
        }
        throw new IllegalArgumentException("partition " + partition + " of table " + table.name()
                + " is not in its storage.location.template " + table.keyTemplate());
    }

    /** The regex that extracts the partition values from an absolute file name. */
    String fileNameRegex() {
        return "/" + keyPattern.pattern() + "$";
    }

    /** The table's files under the S3 directory, sorted; hidden files ({@code .x}, {@code _x}) skipped as Athena does. */
    List<Path> list(Path s3Dir) {
        if (!Files.isDirectory(s3Dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(s3Dir)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                String relative = s3Dir.relativize(file).toString().replace('\\', '/');
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && !name.startsWith("_") && keyPattern.matcher(relative).matches()) {
                    files.add(file.toAbsolutePath());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + s3Dir, e);
        }
        files.sort(null);
        return files;
    }
}
