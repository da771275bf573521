package dev.streamproc.local.demo;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a demo run's wall time went, phase by phase, from the JVM's start: one line at the end of the run, so a
 * slower or faster run says which step changed.
 */
public final class DemoPhases {

    private final long jvmStartMillis;
    private long lastMillis;
    private final List<String> phases = new ArrayList<>();

    private DemoPhases(long jvmStartMillis) {
        this.jvmStartMillis = jvmStartMillis;
        this.lastMillis = jvmStartMillis;
    }

    /** Phases counted from this JVM's start (so JVM and CLI start-up are in the first phase). */
    public static DemoPhases sinceJvmStart() {
        return new DemoPhases(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Ends the phase that ran since the last mark (or the JVM's start), under {@code name}. */
    public void mark(String name) {
        long now = System.currentTimeMillis();
        phases.add(String.format(Locale.ROOT, "%s %.1f", name, (now - lastMillis) / 1000.0));
        lastMillis = now;
    }

    /** E.g. {@code Phases (s): ready 4.3 | producer 6.5 | ... | total 19.0}. */
    public String line() {
        return "Phases (s): " + String.join(" | ", phases)
                + String.format(Locale.ROOT, " | total %.1f", (lastMillis - jvmStartMillis) / 1000.0);
    }
}
