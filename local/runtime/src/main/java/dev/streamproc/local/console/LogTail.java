package dev.streamproc.local.console;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Pages of a function's log file, by byte offset: the newest lines before an offset (scrolling back), or the lines
 * written after one (the live tail). A filter keeps the lines that contain its text, ignoring case. Reads are bounded,
 * so a large log costs one chunk per page, not the whole file.
 */
public final class LogTail {

    static final int CHUNK = 64 * 1024;
    static final int MAX_SCAN = 4 * 1024 * 1024;

    /**
     * @param start offset of the first line read (the "older" page ends here)
     * @param end   offset after the last line read (the live tail continues here)
     */
    public record Page(List<String> lines, long start, long end, boolean more) {
    }

    private LogTail() {
    }

    /** Up to {@code maxLines} matching lines ending before {@code before} (-1 = the end of the file). */
    public static Page before(Path file, long before, String filter, int maxLines) {
        if (!Files.exists(file)) {
            return new Page(List.of(), 0, 0, false);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = before < 0 ? in.length() : Math.min(before, in.length());
            long pos = end;
            long start = end;
            byte[] pending = new byte[0];
            List<String> lines = new ArrayList<>();
            long scanned = 0;
            while (pos > 0 && lines.size() < maxLines && scanned < MAX_SCAN) {
                long from = Math.max(0, pos - CHUNK);
                byte[] chunk = new byte[(int) (pos - from)];
                in.seek(from);
                in.readFully(chunk);
                scanned += chunk.length;
                byte[] buf = concat(chunk, pending);
                List<Integer> newlines = new ArrayList<>();
                for (int i = 0; i < buf.length; i++) {
                    if (buf[i] == '\n') {
                        newlines.add(i);
                    }
                }
                // line k starts after newline k-1; the first one is whole only at the start of the file
                int firstWhole = from == 0 ? 0 : 1;
                int lineCount = newlines.size() + 1;
                for (int k = lineCount - 1; k >= firstWhole && lines.size() < maxLines; k--) {
                    int lineStart = k == 0 ? 0 : newlines.get(k - 1) + 1;
                    int lineEnd = k < newlines.size() ? newlines.get(k) : buf.length;
                    if (lineStart == lineEnd && k == lineCount - 1) {
                        continue; // after the final newline: no line
                    }
                    String line = new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
                    start = from + lineStart;
                    if (matches(line, filter)) {
                        lines.add(line);
                    }
                }
                if (lines.size() >= maxLines || from == 0) {
                    break;
                }
                pending = newlines.isEmpty() ? buf : java.util.Arrays.copyOf(buf, newlines.get(0) + 1);
                pos = from;
            }
            Collections.reverse(lines);
            return new Page(lines, start, end, start > 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Matching lines written after {@code after}, up to a chunk's worth (call again for more). */
    public static Page after(Path file, long after, String filter) {
        if (!Files.exists(file)) {
            return new Page(List.of(), after, after, false);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.min(Math.max(0, after), length);
            byte[] chunk = new byte[(int) Math.min(CHUNK * 4L, length - from)];
            in.seek(from);
            in.readFully(chunk);
            int lastNewline = lastIndexOf(chunk, (byte) '\n');
            if (lastNewline < 0) {
                return new Page(List.of(), from, from, false);
            }
            String text = new String(chunk, 0, lastNewline + 1, StandardCharsets.UTF_8);
            List<String> lines = text.lines().filter(l -> matches(l, filter)).toList();
            long end = from + lastNewline + 1;
            return new Page(lines, from, end, end < length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The file's size now: where the lines of an invocation about to start will begin. */
    public static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static boolean matches(String line, String filter) {
        return filter == null || filter.isEmpty() || line.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int lastIndexOf(byte[] bytes, byte b) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
