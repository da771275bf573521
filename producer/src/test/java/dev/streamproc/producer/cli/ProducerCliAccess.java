package dev.streamproc.producer.cli;

import java.time.Duration;
import java.util.Map;

/** Lets tests in other packages run the CLI in-process (without System.exit). */
public final class ProducerCliAccess {

    private ProducerCliAccess() {
    }

    public static Map<String, Object> run(Map<String, String> env, String... args) {
        return ProducerCli.run(CliOptions.parse(args), env);
    }

    /** Runs the CLI and asks it to stop after {@code after}, as Ctrl-C does. */
    public static Map<String, Object> runInterruptedAfter(Duration after, Map<String, String> env, String... args) {
        StopSignal stop = StopSignal.never();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            stop.request();
        });
        interrupter.setDaemon(true);
        interrupter.start();
        return ProducerCli.run(CliOptions.parse(args), env, stop);
    }

    public static int exitStatus(Map<String, Object> summary) {
        return ProducerCli.exitStatus(summary);
    }
}
