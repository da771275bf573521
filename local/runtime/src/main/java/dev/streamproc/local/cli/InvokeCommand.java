package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.CloudStatus;
import dev.streamproc.local.cloud.LocalCloudConfig;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code streamproc invoke FUNCTION [--event FILE]}: invokes one function of the template once, in a fresh
 * container, against the running local cloud (if any), and prints the response payload (stdout) or the
 * function error (stderr, exit status 1).
 */
@Command(name = "invoke", description = "invoke one function once")
public final class InvokeCommand implements Callable<Integer> {

    @ParentCommand
    Streamproc streamproc;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "logical id, function name or ARN")
    String function;

    @Option(names = {"--event", "-e"}, paramLabel = "FILE|-", description = "the event (- = stdin); default {}")
    String eventSource;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--template", paramLabel = "FILE", description = "default: the running stack's, else template.yaml of the project")
    Path template;

    @Option(names = "--stack-name", paramLabel = "NAME", description = "default: the running stack's, else streamproc")
    String stackName;

    @Option(names = {"--parameter", "-p"}, paramLabel = "NAME=VALUE", description = "a template parameter (repeatable)")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = {"--verbose", "-v"}, description = "echo the function's log")
    boolean verbose;

    /** {@code streamproc invoke args...} with its output and errors going to the given streams. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> all = new ArrayList<>(List.of("invoke"));
        all.addAll(args);
        return Streamproc.run(all, out, err);
    }

    @Override
    public Integer call() {
        PrintStream out = streamproc.out();
        PrintStream err = streamproc.err();
        Path data = dataDir.resolve();
        Optional<LocalState> running = CloudStatus.state(data);
        String stack = stackName != null ? stackName : running.map(LocalState::stackName).orElse(LocalCloudConfig.DEFAULT_STACK_NAME);
        Path templateFile = template != null ? template.toAbsolutePath()
                : running.map(s -> Path.of(s.template())).orElse(RepoRoot.find().resolve("template.yaml"));
        Template stackTemplate = Template.load(templateFile, stack, Map.copyOf(parameters));
        Map<String, String> sdkEnvironment;
        if (running.isPresent()) {
            sdkEnvironment = running.get().endpoints().sdkEnvironment();
        } else {
            err.println("streamproc invoke: no local cloud is running from " + data + " (./streamproc up): the function gets no AWS endpoints");
            sdkEnvironment = Map.of("AWS_REGION", stackTemplate.region(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
        }
        FunctionSpec spec = FunctionSpec.of(function.startsWith("arn:") ? stackTemplate.functionForArn(function) : stackTemplate.function(function));
        byte[] event = event();

        RuntimeOptions runtime = RuntimeOptions.forDataDirectory(data, sdkEnvironment, err, verbose).withMaxContainersPerFunction(1);
        try (LocalLambda lambda = new LocalLambda(List.of(spec), runtime)) {
            LambdaInvoker.InvocationResult result = lambda.invoke(spec.logicalId(), event);
            if (result.succeeded()) {
                out.println(new String(result.payload(), StandardCharsets.UTF_8));
                return 0;
            }
            err.println(result.errorType() + ": " + result.errorMessage());
            err.println("(log: " + data.resolve("logs").resolve(spec.logicalId() + ".log") + ")");
            return 1;
        }
    }

    /** The event file's bytes ({@code -} = stdin), or {@code {}}. */
    private byte[] event() {
        try {
            if (eventSource == null) {
                return "{}".getBytes(StandardCharsets.UTF_8);
            }
            return eventSource.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(eventSource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event " + eventSource, e);
        }
    }
}
