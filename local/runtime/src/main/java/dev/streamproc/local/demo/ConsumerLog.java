package dev.streamproc.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the consumer function says about its records, read from its log the way one would read CloudWatch Logs:
 * one structured line per rejected user record (shard, sequence and sub-sequence number, reason) and one
 * "batch processed" line per invocation with its counts. No local-only code in the handler: these are the
 * lines it writes on AWS too.
 */
public final class ConsumerLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param rejected     distinct user records rejected (a redelivered record is counted once)
     * @param skipped      notices skipped, summed over the invocations' summary lines
     * @param itemsWritten items written, summed (a redelivered batch writes its items again)
     * @param invocations  summary lines read
     * @param rejectedRecords the rejected user records, as {@code shardId/sequenceNumber/subSequenceNumber}
     */
    public record Counts(long rejected, long skipped, long itemsWritten, long invocations, Set<String> rejectedRecords) {
    }

    private ConsumerLog() {
    }

    public static Counts read(Path logFile) {
        if (!Files.isRegularFile(logFile)) {
            return new Counts(0, 0, 0, 0, Set.of());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the consumer's log " + logFile, e);
        }
        Set<String> rejected = new HashSet<>();
        long skipped = 0;
        long written = 0;
        long invocations = 0;
        for (String line : lines) {
            JsonNode entry = json(line);
            if (entry == null) {
                continue;
            }
            String message = entry.path("message").asText("");
            if (message.equals("user record rejected")) {
                rejected.add(entry.path("shardId").asText() + "/" + entry.path("sequenceNumber").asText() + "/"
                        + entry.path("subSequenceNumber").asText());
            } else if (message.equals("batch processed")) {
                skipped += entry.path("skipped").asLong();
                written += entry.path("itemsWritten").asLong();
                invocations++;
            }
        }
        return new Counts(rejected.size(), skipped, written, invocations, Set.copyOf(rejected));
    }

    /** The JSON object a structured log line carries, or null for other lines (platform START/END/REPORT, JVM output). */
    public static JsonNode json(String line) {
        int start = line.indexOf('{');
        if (start < 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line.substring(start));
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null; // not a structured line (platform START/END/REPORT, JVM output)
        }
    }
}
