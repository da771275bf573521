package dev.streamproc.local.cloud;

import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import dev.streamproc.local.cloud.process.ProcessControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Looks at (and stops) a local cloud started by another process, through its state file. */
public final class CloudStatus {

    /** One server as seen from outside: up = its process is alive and its ports accept connections. */
    public record ServerStatus(String name, boolean up, long pid, String endpoint) {
    }

    private CloudStatus() {
    }

    public static Optional<LocalState> state(Path dataDir) {
        return LocalState.read(LocalCloudConfig.stateFile(dataDir));
    }

    /** Empty when no state file exists (nothing was started, or it was stopped cleanly). */
    public static List<ServerStatus> check(Path dataDir) {
        return state(dataDir).map(CloudStatus::check).orElse(List.of());
    }

    public static List<ServerStatus> check(LocalState state) {
        List<ServerStatus> statuses = new ArrayList<>();
        for (LocalState.Server server : state.servers()) {
            boolean up = ProcessControl.isAlive(server.pid()) && server.ports().stream().allMatch(LoopbackPorts::accepting);
            statuses.add(new ServerStatus(server.name(), up, server.pid(), server.endpoint()));
        }
        return statuses;
    }

    /**
     * Stops the local cloud recorded in {@code dataDir}: SIGTERM to its JVM (whose shutdown hook stops every server),
     * then SIGKILL to whatever survives the grace period, child processes included. Removes the state file.
     *
     * @return false when no state file was found
     */
    public static boolean stop(Path dataDir, Duration grace) {
        Path file = LocalCloudConfig.stateFile(dataDir);
        Optional<LocalState> state = LocalState.read(file);
        if (state.isEmpty()) {
            return false;
        }
        Set<Long> pids = new LinkedHashSet<>();
        pids.add(state.get().pid());
        state.get().servers().forEach(s -> pids.add(s.pid()));
        pids.remove(ProcessHandle.current().pid());
        // The owner first: its shutdown hook closes servers in order; then anything left over.
        for (long pid : pids) {
            ProcessControl.terminate(pid, grace);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new LocalCloudException("cannot delete " + file + ": " + e.getMessage(), e);
        }
        return true;
    }
}
