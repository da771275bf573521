package dev.streamproc.local.alarm;

import dev.streamproc.local.console.DisplayText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The alarm section of {@code streamproc status}, from the report the runtime published. */
public final class AlarmLines {

    /** A report older than this many evaluation intervals means the runtime stopped evaluating. */
    static final int STALE_INTERVALS = 6;

    /**
     * @param lines  what to print (text from the template and the logs escaped)
     * @param firing whether an alarm is in ALARM
     * @param stale  whether no fresh report exists (the runtime is not evaluating)
     */
    public record Section(List<String> lines, boolean firing, boolean stale) {
    }

    private AlarmLines() {
    }

    public static Section of(Path dataDir, long nowMillis) {
        Optional<AlarmReport> read = AlarmReport.read(dataDir);
        if (read.isEmpty()) {
            return new Section(List.of("  alarms    not evaluated: no local runtime publishes " + AlarmReport.file(dataDir)), false, true);
        }
        AlarmReport report = read.get();
        long age = Math.max(0, nowMillis - report.writtenAt());
        List<String> lines = new ArrayList<>();
        if (age > STALE_INTERVALS * report.intervalMillis()) {
            lines.add(String.format("  alarms    last evaluated %d s ago: the local runtime is not evaluating them", age / 1000));
            return new Section(lines, false, true);
        }
        if (report.alarms().isEmpty()) {
            lines.add("  alarms    the template has none");
            return new Section(lines, false, false);
        }
        lines.add(String.format("alarms (evaluated %.0f s ago on the local figures, as CloudWatch evaluates them):", age / 1000.0));
        int width = report.alarms().stream().mapToInt(a -> a.name().length()).max().orElse(0);
        boolean firing = false;
        for (AlarmReport.Alarm alarm : report.alarms()) {
            firing |= alarm.state() == AlarmState.ALARM;
            lines.add(DisplayText.escapeControls(String.format("  %-" + width + "s  %-17s  %s", alarm.name(), alarm.state(), alarm.reason())));
        }
        return new Section(lines, firing, false);
    }
}
