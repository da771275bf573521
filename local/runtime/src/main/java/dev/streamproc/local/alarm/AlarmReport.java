package dev.streamproc.local.alarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runtime publishes for {@code streamproc status} (another JVM): every alarm's state and reason and the
 * datapoints it evaluated, per period — a small JSON file in the data directory, replaced atomically each time.
 *
 * @param writtenAt      epoch millis of the evaluation
 * @param intervalMillis how often the runtime evaluates
 */
public record AlarmReport(long writtenAt, long intervalMillis, List<Alarm> alarms) {

    static final String FILE = "alarms.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One alarm as last evaluated.
     *
     * @param stateSince epoch millis of the last state change
     * @param datapoints the evaluation range, oldest first (empty when the alarm is not evaluated locally)
     */
    public record Alarm(String name, AlarmState state, String reason, long stateSince, String namespace, String metric,
                        Map<String, String> dimensions, int periodSeconds, List<Datapoint> datapoints) {
    }

    /** The statistic of one period starting at {@code start} (epoch millis); null when missing. */
    public record Datapoint(long start, Double value) {
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    public void write(Path dataDir) {
        Path target = file(dataDir);
        try {
            Path temp = Files.createTempFile(dataDir, "alarms", ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(this));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The report in the data directory, or empty when there is none (or it cannot be read). */
    public static Optional<AlarmReport> read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), AlarmReport.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
