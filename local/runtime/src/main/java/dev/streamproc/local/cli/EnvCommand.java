package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.process.LocalState;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code streamproc env}: {@code export} lines that point the AWS CLI and SDKs at the running stack ({@code eval $(./streamproc env)}). */
@Command(name = "env", description = "print 'export AWS_ENDPOINT_URL_...' lines for the running stack")
final class EnvCommand implements Callable<Integer> {

    @ParentCommand
    Streamproc streamproc;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
        Path dir = dataDir.resolve();
        Optional<LocalState> state = CloudStatus.state(dir);
        if (state.isEmpty()) {
            streamproc.err().println("streamproc env: no local cloud is running from " + dir + " (start one with ./streamproc up)");
            return 1;
        }
        state.get().endpoints().sdkEnvironment().forEach((name, value) -> streamproc.out().println("export " + name + "=" + shellQuote(value)));
        return 0;
    }

    static String shellQuote(String value) {
        return value.matches("[A-Za-z0-9_./:@%+,=-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
