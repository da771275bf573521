package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.demo.ArchiveCensus;
import dev.streamproc.local.demo.Demo;
import dev.streamproc.local.demo.DemoOptions;
import dev.streamproc.local.demo.DemoQueries;
import dev.streamproc.local.demo.DemoReport;
import dev.streamproc.local.demo.DemoSummary;
import dev.streamproc.local.query.QueryResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code streamproc demo ...}: see {@link DemoOptions#USAGE}. Exit 0 only when every record is accounted for. */
public final class DemoCommand {

    private DemoCommand() {
    }

    public static int run(List<String> args) {
        if (args.contains("-h") || args.contains("--help")) {
            System.out.println(DemoOptions.USAGE);
            return 0;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("streamproc demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            return 2;
        }
        Demo demo = new Demo(options, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.start();
            demo.produce();
            DemoReport report = demo.drain();
            DemoSummary.print(report, System.out);
            if (options.summaryJson() != null) {
                DemoSummary.write(report, options.summaryJson());
            }
            String exampleId = demo.archive().rows().isEmpty() ? null : ArchiveCensus.idOf(demo.archive().rows().get(0));
            Map<String, QueryResult> results = DemoQueries.run(RepoRoot.find().resolve("athena"), demo.pipeline().cloud().s3Dir(), exampleId, System.out);
            boolean queriesRan = results.values().stream().allMatch(r -> r != null);
            if (options.keep()) {
                System.out.println();
                System.out.println("Everything stays up (--keep). Try: ./streamproc items --topic '<a topic above>' | ./streamproc query 'SELECT ...'"
                        + " | eval \"$(./streamproc env)\" && aws dynamodb scan --table-name " + demo.tableName() + " --max-items 3");
                System.out.println("Ctrl-C stops it.");
                stopped.await();
            } else {
                System.out.println();
                System.out.println("Stopping the stack (--keep leaves it running). The archive stays in " + demo.pipeline().cloud().s3Dir()
                        + ": ./streamproc query works on it.");
                Runtime.getRuntime().removeShutdownHook(hook);
                demo.close();
            }
            return report.closes() && queriesRan ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("streamproc demo: " + e.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                demo.close();
            } catch (IllegalStateException shuttingDown) {
                // the hook is already closing the demo
            }
        }
    }
}
