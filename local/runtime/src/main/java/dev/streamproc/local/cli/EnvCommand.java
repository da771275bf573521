package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.lambda.api.LambdaApiEndpoint;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code streamproc env}: {@code export} lines that point the AWS CLI and SDKs at the running stack ({@code eval $(./streamproc env)}). */
@Command(name = "env", description = "print 'export AWS_ENDPOINT_URL_...' lines for the running stack")
final class EnvCommand extends RunningStackCommand {

    @Override
    int run(Path dataDir, LocalState state) {
        state.endpoints().sdkEnvironment().forEach((name, value) -> streamproc.out().println("export " + name + "=" + shellQuote(value)));
        // The Lambda API is the runtime's (not the local cloud's): its endpoint is in the data directory while it runs.
        LambdaApiEndpoint.read(dataDir).ifPresent(endpoint -> streamproc.out().println("export AWS_ENDPOINT_URL_LAMBDA=" + shellQuote(endpoint)));
        return 0;
    }

    @Override
    int nothingRunning(Path dataDir) {
        streamproc.err().println("streamproc env: no local cloud is running from " + dataDir + " (start one with ./streamproc up)");
        return 1;
    }

    static String shellQuote(String value) {
        return value.matches("[A-Za-z0-9_./:@%+,=-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
