package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.process.LocalState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code streamproc down}: stops the local cloud recorded in the data directory (SIGTERM, then SIGKILL). */
public final class DownCommand {

    static final String USAGE = "usage: streamproc down [--data-dir DIR]";

    private DownCommand() {
    }

    public static int run(List<String> args) {
        Path dataDir = CliArgs.dataDirOnly(args, USAGE);
        Optional<LocalState> state = CloudStatus.state(dataDir);
        if (state.isEmpty()) {
            System.out.println("no local cloud is running from " + dataDir);
            return 0;
        }
        long begin = System.nanoTime();
        CloudStatus.stop(dataDir, Duration.ofSeconds(10));
        System.out.printf("stopped the local cloud (pid %d) in %.1f s%n", state.get().pid(), (System.nanoTime() - begin) / 1e9);
        return 0;
    }
}
