package dev.streamproc.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Peak resident memory of a process (Linux {@code VmHWM}), for the REPORT line's "Max Memory Used". */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static OptionalLong peakMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return OptionalLong.of(kb / 1024);
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }
}
