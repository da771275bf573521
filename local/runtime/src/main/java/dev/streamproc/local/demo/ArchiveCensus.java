package dev.streamproc.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What Firehose landed in the archive bucket, read from the local S3's files: the Ok rows under the destination
 * prefix and the processing-failed lines under the error prefix, each with the time its object was written.
 */
public final class ArchiveCensus {

    /** One line of an object, and when that object landed (its file's modification time). */
    public record Line(byte[] bytes, Path object, Instant landedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Line> rows;
    private final List<Line> failed;

    private ArchiveCensus(List<Line> rows, List<Line> failed) {
        this.rows = List.copyOf(rows);
        this.failed = List.copyOf(failed);
    }

    /**
     * @param bucketDir   {@code <s3Dir>/<bucket>}
     * @param prefix      the destination prefix as configured (its static part, before any {@code !{...}}, is used)
     * @param errorPrefix the error output prefix as configured, or null
     */
    public static ArchiveCensus read(Path bucketDir, String prefix, String errorPrefix) {
        return new ArchiveCensus(lines(bucketDir, staticPart(prefix)), errorPrefix == null ? List.of() : lines(bucketDir, staticPart(errorPrefix)));
    }

    static String staticPart(String prefix) {
        int expression = prefix.indexOf("!{");
        return expression < 0 ? prefix : prefix.substring(0, expression);
    }

    public List<Line> rows() {
        return rows;
    }

    public List<Line> failed() {
        return failed;
    }

    /** The {@code id} of a row line. */
    public static String idOf(Line row) {
        try {
            return JSON.readTree(row.bytes()).path("id").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** A failed line's {@code errorCode}. */
    public static String errorCodeOf(Line line) {
        try {
            JsonNode node = JSON.readTree(line.bytes());
            return node.path("errorCode").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Line> lines(Path bucketDir, String keyPrefix) {
        List<Line> lines = new ArrayList<>();
        if (!Files.isDirectory(bucketDir)) {
            return lines;
        }
        try (Stream<Path> walk = Files.walk(bucketDir)) {
            List<Path> objects = walk.filter(Files::isRegularFile)
                    .filter(f -> bucketDir.relativize(f).toString().replace('\\', '/').startsWith(keyPrefix))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
            for (Path object : objects) {
                Instant landed = Files.getLastModifiedTime(object).toInstant();
                for (byte[] line : split(read(object))) {
                    lines.add(new Line(line, object, landed));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the archive under " + bucketDir, e);
        }
        return lines;
    }

    private static byte[] read(Path object) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(object))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                return in.readAllBytes();
            }
        }
    }

    /** Lines ending in {@code \n}; a last line without one is still a line (and a bug the tests catch). */
    private static List<byte[]> split(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (byte b : content) {
            if (b == '\n') {
                lines.add(line.toByteArray());
                line.reset();
            } else {
                line.write(b);
            }
        }
        if (line.size() > 0) {
            lines.add(line.toByteArray());
        }
        return lines;
    }
}
