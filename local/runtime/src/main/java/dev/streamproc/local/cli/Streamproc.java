package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.LocalCloudException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./streamproc <command> [args]}: the local mode's entry point. Each command is a class with
 * {@code static int run(List<String> args)} returning the exit status; add one line to {@link #COMMANDS} for a new one.
 */
public final class Streamproc {

    /** A subcommand: arguments after its name in, exit status out. */
    @FunctionalInterface
    public interface Command {
        int run(List<String> args);
    }

    private record Entry(Command command, String summary) {
    }

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("up", new Entry(UpCommand::run, "start the local cloud and runtime; stay up until Ctrl-C"));
        COMMANDS.put("down", new Entry(DownCommand::run, "stop the running local cloud"));
        COMMANDS.put("status", new Entry(StatusCommand::run, "show each local server: up/down, pid, endpoint"));
        COMMANDS.put("env", new Entry(EnvCommand::run, "print 'export AWS_ENDPOINT_URL_...' lines for the running stack"));
        COMMANDS.put("demo", new Entry(dev.streamproc.local.cli.DemoCommand::run, "run the whole pipeline on synthetic tweets and account for each"));
        COMMANDS.put("invoke", new Entry(dev.streamproc.local.cli.InvokeCommand::run, "invoke one function once"));
        COMMANDS.put("query", new Entry(dev.streamproc.local.cli.QueryCommand::run, "run Athena SQL locally over the landed S3 files"));
        COMMANDS.put("items", new Entry(dev.streamproc.local.cli.ItemsCommand::run, "read EventData items of the running stack"));
    }

    private Streamproc() {
    }

    /** Always ends through System.exit, so shutdown hooks stop whatever a failed command had started. */
    public static void main(String[] args) {
        int status;
        try {
            status = run(List.of(args));
        } catch (Throwable unexpected) {
            unexpected.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    public static int run(List<String> args) {
        if (args.isEmpty() || List.of("-h", "--help", "help").contains(args.get(0))) {
            printUsage();
            return args.isEmpty() ? 2 : 0;
        }
        Entry entry = COMMANDS.get(args.get(0));
        if (entry == null) {
            System.err.println("streamproc: unknown command '" + args.get(0) + "'");
            printUsage();
            return 2;
        }
        try {
            return entry.command().run(args.subList(1, args.size()));
        } catch (LocalCloudException | IllegalArgumentException e) {
            System.err.println("streamproc " + args.get(0) + ": " + e.getMessage());
            return 1;
        }
    }

    private static void printUsage() {
        System.err.println("usage: ./streamproc <command> [options]   (<command> --help for its options)");
        COMMANDS.forEach((name, entry) -> System.err.printf("  %-8s %s%n", name, entry.summary()));
    }
}
