package dev.streamproc.local.alarm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the lines added to the function logs ({@code <logs>/<Function>.log}) since the last call, as CloudWatch Logs
 * sees a log group grow. Lines written before the follower started are not read (they are an earlier run's).
 */
final class LogFollower {

    private static final int MAX_READ = 4 << 20;

    private final Path directory;
    private final java.util.Set<String> files;
    private final Map<Path, Long> offsets = new HashMap<>();
    private final Map<Path, StringBuilder> partial = new HashMap<>();

    /** @param files the log file names to follow (the functions', not the servers') */
    LogFollower(Path directory, java.util.Set<String> files) {
        this.directory = directory;
        this.files = files;
        for (Path file : logs()) {
            offsets.put(file, size(file));
        }
    }

    /** The complete lines added to every log since the previous call. */
    List<String> newLines() {
        List<String> lines = new ArrayList<>();
        for (Path file : logs()) {
            long offset = offsets.getOrDefault(file, 0L);
            long size = size(file);
            if (size < offset) {
                offset = 0; // truncated: read it again from the start
            }
            if (size == offset) {
                continue;
            }
            int length = (int) Math.min(MAX_READ, size - offset);
            byte[] bytes = new byte[length];
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(offset);
                in.readFully(bytes);
            } catch (IOException e) {
                continue;
            }
            offsets.put(file, offset + length);
            StringBuilder text = partial.computeIfAbsent(file, f -> new StringBuilder()).append(new String(bytes, StandardCharsets.UTF_8));
            int end;
            while ((end = text.indexOf("\n")) >= 0) {
                lines.add(text.substring(0, end));
                text.delete(0, end + 1);
            }
        }
        return lines;
    }

    private List<Path> logs() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> this.files.contains(f.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
