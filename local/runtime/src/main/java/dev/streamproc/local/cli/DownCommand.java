package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.process.LocalState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code streamproc down}: stops the local cloud recorded in the data directory (SIGTERM, then SIGKILL). */
@Command(name = "down", description = "stop the running local cloud")
final class DownCommand implements Callable<Integer> {

    @ParentCommand
    Streamproc streamproc;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        Path dir = dataDir.resolve();
        Optional<LocalState> state = CloudStatus.state(dir);
        if (state.isEmpty()) {
            streamproc.out().println("no local cloud is running from " + dir);
            return 0;
        }
        long begin = System.nanoTime();
        CloudStatus.stop(dir, Duration.ofSeconds(10));
        streamproc.out().printf("stopped the local cloud (pid %d) in %.1f s%n", state.get().pid(), (System.nanoTime() - begin) / 1e9);
        return 0;
    }
}
