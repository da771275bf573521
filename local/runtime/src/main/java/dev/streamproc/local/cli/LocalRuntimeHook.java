package dev.streamproc.local.cli;

import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.cloud.LocalCloud;
import java.io.PrintStream;

/**
 * What {@code up} starts beside the local cloud: the functions of the template under the local Lambda runtime,
 * their event source mappings, Firehose delivery and schedules ({@link LocalRuntime}).
 * The returned handle is closed before the cloud on shutdown.
 */
public final class LocalRuntimeHook {

    private LocalRuntimeHook() {
    }

    public static AutoCloseable start(LocalCloud cloud, UpCommand.Options options, PrintStream out) {
        LocalRuntime runtime = LocalRuntime.start(cloud.template(), cloud.endpoints(), cloud.dataDir(),
                LocalRuntime.Settings.of(out, options.verbose()));
        runtime.describe().forEach(line -> out.println("  " + line));
        dev.streamproc.local.console.Console console = dev.streamproc.local.console.Console.start(cloud, runtime, options.consolePort());
        out.println("  " + console.banner());
        return () -> {
            console.close();
            runtime.close();
        };
    }
}
