package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.LocalCloudException;
import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.lambda.LocalLambda;
import dev.streamproc.local.lambda.RuntimeOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code streamproc invoke FUNCTION [--event FILE]}: invokes one function of the template once, in a fresh
 * container, against the running local cloud (if any), and prints the response payload (stdout) or the
 * function error (stderr, exit status 1).
 */
public final class InvokeCommand {

    static final String USAGE = """
            usage: streamproc invoke FUNCTION [--event FILE|-] [--data-dir DIR] [--template FILE] [--stack-name NAME]
                                     [--parameter NAME=VALUE]... [--verbose]
              FUNCTION  logical id, function name or ARN; the event defaults to {}""";

    private InvokeCommand() {
    }

    public static int run(List<String> args) {
        return run(args, System.out, System.err);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("streamproc invoke: " + e.getMessage());
            return 2;
        }
        try {
            return invoke(options, out, err);
        } catch (LocalCloudException | IllegalStateException | UncheckedIOException e) {
            err.println("streamproc invoke: " + e.getMessage());
            return 1;
        }
    }

    private static int invoke(Options options, PrintStream out, PrintStream err) {
        Optional<LocalState> running = CloudStatus.state(options.dataDir);
        String stackName = options.stackName != null ? options.stackName
                : running.map(LocalState::stackName).orElse(LocalCloudConfig.DEFAULT_STACK_NAME);
        Path templateFile = options.template != null ? options.template
                : running.map(s -> Path.of(s.template())).orElse(RepoRoot.find().resolve("template.yaml"));
        Template template = Template.load(templateFile, stackName, options.parameters);
        Map<String, String> sdkEnvironment;
        if (running.isPresent()) {
            sdkEnvironment = running.get().endpoints().sdkEnvironment();
        } else {
            err.println("streamproc invoke: no local cloud is running from " + options.dataDir
                    + " (./streamproc up): the function gets no AWS endpoints");
            sdkEnvironment = Map.of("AWS_REGION", template.region(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
        }
        FunctionSpec function = FunctionSpec.of(options.function.startsWith("arn:") ? template.functionForArn(options.function)
                : template.function(options.function));
        byte[] event = options.event(options.eventSource);

        RuntimeOptions runtime = RuntimeOptions.forDataDirectory(options.dataDir, sdkEnvironment, err, options.verbose)
                .withMaxContainersPerFunction(1);
        try (LocalLambda lambda = new LocalLambda(List.of(function), runtime)) {
            LambdaInvoker.InvocationResult result = lambda.invoke(function.logicalId(), event);
            if (result.succeeded()) {
                out.println(new String(result.payload(), StandardCharsets.UTF_8));
                return 0;
            }
            err.println(result.errorType() + ": " + result.errorMessage());
            err.println("(log: " + options.dataDir.resolve("logs").resolve(function.logicalId() + ".log") + ")");
            return 1;
        }
    }

    private record Options(String function, String eventSource, Path dataDir, Path template, String stackName,
                           Map<String, String> parameters, boolean verbose) {

        static Options parse(List<String> args) {
            String function = null;
            String event = null;
            Path dataDir = null;
            Path template = null;
            String stackName = null;
            Map<String, String> parameters = new LinkedHashMap<>();
            boolean verbose = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--event", "-e" -> event = value(args, ++i, arg);
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg)).toAbsolutePath();
                    case "--template" -> template = Path.of(value(args, ++i, arg)).toAbsolutePath();
                    case "--stack-name" -> stackName = value(args, ++i, arg);
                    case "--parameter", "-p" -> {
                        String pair = value(args, ++i, arg);
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException(arg + " expects NAME=VALUE, got '" + pair + "'");
                        }
                        parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    case "--verbose", "-v" -> verbose = true;
                    case "-h", "--help" -> throw new IllegalArgumentException("\n" + USAGE);
                    default -> {
                        if (arg.startsWith("-") || function != null) {
                            throw new IllegalArgumentException("unexpected '" + arg + "'\n" + USAGE);
                        }
                        function = arg;
                    }
                }
            }
            if (function == null) {
                throw new IllegalArgumentException("which function?\n" + USAGE);
            }
            return new Options(function, event, dataDir != null ? dataDir : LocalCloudConfig.defaultDataDir(), template, stackName,
                    Map.copyOf(parameters), verbose);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }

        /** The event file's bytes ({@code -} = stdin), or {@code {}}. */
        byte[] event(String source) {
            try {
                if (source == null) {
                    return "{}".getBytes(StandardCharsets.UTF_8);
                }
                return source.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(source));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the event " + source, e);
            }
        }
    }
}
