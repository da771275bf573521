package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.process.LocalState;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;

/** {@code streamproc down}: stops the local cloud recorded in the data directory (SIGTERM, then SIGKILL). */
@Command(name = "down", description = "stop the running local cloud")
final class DownCommand extends RunningStackCommand {

    @Override
    int run(Path dataDir, LocalState state) {
        long begin = System.nanoTime();
        CloudStatus.stop(dataDir, Duration.ofSeconds(10));
        streamproc.out().printf("stopped the local cloud (pid %d) in %.1f s%n", state.pid(), (System.nanoTime() - begin) / 1e9);
        return 0;
    }

    @Override
    int nothingRunning(Path dataDir) {
        streamproc.out().println("no local cloud is running from " + dataDir);
        return 0;
    }
}
