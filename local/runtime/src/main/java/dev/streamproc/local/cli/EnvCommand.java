package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.process.LocalState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code streamproc env}: {@code export} lines that point the AWS CLI and SDKs at the running stack ({@code eval $(./streamproc env)}). */
public final class EnvCommand {

    static final String USAGE = "usage: streamproc env [--data-dir DIR]";

    private EnvCommand() {
    }

    public static int run(List<String> args) {
        Path dataDir = CliArgs.dataDirOnly(args, USAGE);
        Optional<LocalState> state = CloudStatus.state(dataDir);
        if (state.isEmpty()) {
            System.err.println("streamproc env: no local cloud is running from " + dataDir + " (start one with ./streamproc up)");
            return 1;
        }
        state.get().endpoints().sdkEnvironment().forEach((name, value) -> System.out.println("export " + name + "=" + shellQuote(value)));
        return 0;
    }

    static String shellQuote(String value) {
        return value.matches("[A-Za-z0-9_./:@%+,=-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
