package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.LocalCloudException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * {@code ./streamproc <command> [options]}: the local mode's entry point. Every command is a picocli
 * {@code @Command} listed in {@link #SUBCOMMANDS}; each answers {@code --help}. A usage error is one line
 * ({@code streamproc <command>: what is wrong}) plus the command's synopsis, exit status 2; a command that fails
 * says why in one line, exit status 1.
 */
@Command(name = "streamproc", synopsisHeading = "usage: ", synopsisSubcommandLabel = "<command>",
        description = "The stack of template.yaml on this machine: no AWS account, no Docker.",
        commandListHeading = "%nCommands:%n", footer = "%n<command> --help shows its options.",
        subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, EnvCommand.class, DemoCommand.class,
                InvokeCommand.class, QueryCommand.class, ItemsCommand.class, CommandLine.HelpCommand.class})
public final class Streamproc implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    private Streamproc(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Where the commands print their results. */
    PrintStream out() {
        return out;
    }

    /** Where the commands print progress, warnings and errors. */
    PrintStream err() {
        return err;
    }

    /** {@code streamproc} alone: the command list, and a usage error's status. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
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
        return run(args, System.out, System.err);
    }

    /** Runs {@code streamproc args...} with its output and errors going to the given streams. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args.toArray(String[]::new));
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Streamproc(out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler(Streamproc::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command));
        List<CommandLine> all = new ArrayList<>(List.of(cli));
        all.addAll(cli.getSubcommands().values());
        for (CommandLine command : all) {
            if (!(command.getCommand() instanceof CommandLine.HelpCommand)) {
                command.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("show this help and exit").build());
            }
            command.getCommandSpec().usageMessage().synopsisHeading("usage: ");
        }
        return cli;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + oneLine(e));
        err.print(command.getHelp().synopsisHeading() + command.getHelp().synopsis(0));
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** picocli's messages in the words the commands have always used. */
    static String oneLine(ParameterException e) {
        List<String> unmatched = e instanceof UnmatchedArgumentException u ? u.getUnmatched() : e.getCommandLine().getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            boolean topLevel = e.getCommandLine().getParent() == null;
            return (topLevel && !first.startsWith("-") ? "unknown command '" : "unexpected argument '") + first + "'";
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option && e.getMessage().contains("for option")) {
            return option.longestName() + " needs a value";
        }
        return e.getMessage();
    }

    /** What a command could not do, in one line; anything else is a bug and keeps its stack trace. */
    private static int failure(Exception e, CommandLine command) throws Exception {
        if (e instanceof LocalCloudException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UncheckedIOException) {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            command.getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        throw e;
    }
}
