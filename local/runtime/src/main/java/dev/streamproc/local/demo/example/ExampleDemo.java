package dev.streamproc.local.demo.example;

import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.lambda.JavaRuntimes;
import dev.streamproc.local.lambda.StackFunctions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code streamproc demo --example NAME}: one of the seeds' example apps end to end on a local stack of its own
 * template (free ports, its own data directory): its producer, its functions in real containers, then its tables
 * compared with what was produced. Exit status 0 only when every table holds exactly that.
 */
public final class ExampleDemo {

    /** @param count records per producer (statuses per unicorn, readings per sensor, score records) */
    public record Options(String example, int count, Path dataDir, Duration drainTimeout, boolean verbose) {
    }

    private ExampleDemo() {
    }

    public static int run(Options options, PrintStream out) throws Exception {
        long begin = System.nanoTime();
        ExampleApp app = ExampleApp.named(options.example());
        Path exampleDir = RepoRoot.find().resolve("examples").resolve(app.name());
        Path template = exampleDir.resolve("template.yaml");
        if (!Files.isRegularFile(template)) {
            throw new IllegalStateException("no " + template + " (is the examples/ folder of the project there?)");
        }
        Path dataDir = options.dataDir() != null ? options.dataDir() : RepoRoot.find().resolve(".streamproc").resolve("example-" + app.name());
        deleteTree(dataDir.resolve("checkpoints")); // a fresh stack: positions on the last run's streams mean nothing
        // Not built, or no JDK for a runtime: said before any server starts.
        StackFunctions functions = StackFunctions.of(Template.load(template, app.name(), java.util.Map.of()), dataDir, JavaRuntimes.ofThisMachine());
        functions.notes().forEach(note -> out.println("note: " + note));
        out.printf("example %s: %s%n", app.name(), template);
        LocalCloudConfig config = LocalCloudConfig.builder().template(template).dataDir(dataDir).stackName(app.name())
                .ports(LocalCloudConfig.Ports.FREE).parametersFile(null).out(line -> out.println("  " + line)).build();
        try (ExampleStack stack = new ExampleStack(LocalCloud.start(config), exampleDir, out, options.verbose())) {
            double ready = (System.nanoTime() - begin) / 1e9;
            out.printf("stack ready in %.1f s: %d function(s), %d mapping(s)%n", ready, stack.runtime().lambda().functions().size(),
                    stack.runtime().mappings().size());
            ExampleApp.Produced produced = app.produce(stack, options.count());
            produced.lines().forEach(line -> out.println("produced  " + line));
            List<TableCheck> checks = await(app, stack, produced, options.drainTimeout());
            checks.forEach(check -> out.println("holds     " + check.line()));
            boolean exact = checks.stream().allMatch(TableCheck::exact);
            boolean held = true;
            if (exact) {
                ExampleApp.Step step = app.afterExact(stack, produced);
                step.lines().forEach(line -> out.println("then      " + line));
                held = step.held();
            }
            stack.runtime().mappings().forEach(m -> out.printf("mapping   %s -> %s: %d records in %d batches, %d retries, %d to on-failure%n",
                    m.settings().streamArn(), m.settings().functionId(), m.metrics().recordsDelivered(), m.metrics().batchesInvoked(),
                    m.metrics().retries(), m.metrics().recordsSentToOnFailure()));
            boolean ok = exact && held;
            out.printf("%s: %s in %.1f s (wall)%n", app.name(), ok ? "every table holds exactly what was produced" : "MISMATCH",
                    (System.nanoTime() - begin) / 1e9);
            return ok ? 0 : 1;
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.isDirectory(dir)) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Until every check is exact or the timeout passes; the last checks either way. */
    private static List<TableCheck> await(ExampleApp app, ExampleStack stack, ExampleApp.Produced produced, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TableCheck> checks = app.check(stack, produced);
        while (!checks.stream().allMatch(TableCheck::exact) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            checks = app.check(stack, produced);
        }
        return checks;
    }
}
