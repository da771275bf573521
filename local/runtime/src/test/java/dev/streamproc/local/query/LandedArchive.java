package dev.streamproc.local.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Writes objects the way Firehose lands them in the local S3: gzip NDJSON under {@code <s3Dir>/<bucket>/<prefix>YYYY/MM/DD/HH/}. */
final class LandedArchive {

    static final String BUCKET = "archive-bucket";

    private final Path s3Dir;

    LandedArchive(Path s3Dir) {
        this.s3Dir = s3Dir;
    }

    /** One gzip object holding the lines, at {@code prefix + hourPath} (e.g. {@code tweets/} + {@code 2026/11/23/01}). */
    Path put(String prefix, String hourPath, List<String> lines) {
        String stamp = hourPath.replace('/', '-');
        Path file = s3Dir.resolve(BUCKET).resolve(prefix + hourPath)
                .resolve("TweetStream-delivery-1-" + stamp + "-10-00-" + UUID.randomUUID() + ".gz");
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                for (String line : lines) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
