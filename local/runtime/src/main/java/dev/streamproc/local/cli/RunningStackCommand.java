package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.process.LocalState;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A command about the stack running from a data directory ({@code down}, {@code status}, {@code env}). */
abstract class RunningStackCommand implements Callable<Integer> {

    @ParentCommand
    Streamproc streamproc;

    @Mixin
    DataDirOption dataDir;

    @Override
    public final Integer call() {
        Path dir = dataDir.resolve();
        Optional<LocalState> state = CloudStatus.state(dir);
        return state.isPresent() ? run(dir, state.get()) : nothingRunning(dir);
    }

    /** The command, given the state file of the stack running from {@code dataDir}. */
    abstract int run(Path dataDir, LocalState state);

    /** What the command says and returns when nothing runs from {@code dataDir}. */
    abstract int nothingRunning(Path dataDir);
}
