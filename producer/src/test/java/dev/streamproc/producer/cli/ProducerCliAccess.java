package dev.streamproc.producer.cli;

import java.util.Map;

/** Lets tests in other packages run the CLI in-process (without System.exit). */
public final class ProducerCliAccess {

    private ProducerCliAccess() {
    }

    public static Map<String, Object> run(Map<String, String> env, String... args) {
        return ProducerCli.run(CliOptions.parse(args), env);
    }
}
