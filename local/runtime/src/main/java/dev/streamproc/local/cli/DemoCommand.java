package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.demo.ArchiveCensus;
import dev.streamproc.local.demo.Demo;
import dev.streamproc.local.demo.DemoOptions;
import dev.streamproc.local.demo.DemoPhases;
import dev.streamproc.local.demo.DemoQueries;
import dev.streamproc.local.demo.DemoReport;
import dev.streamproc.local.demo.DemoSummary;
import dev.streamproc.local.demo.example.ExampleDemo;
import dev.streamproc.local.query.QueryResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/** {@code streamproc demo ...}: the whole pipeline on synthetic tweets. Exit 0 only when every record is accounted for. */
@Command(name = "demo", description = "run the whole pipeline on synthetic tweets and account for each; or, with --example, "
        + "one of the example apps on its own template",
        footer = "Exit status 0 only when every record is accounted for and the source yielded tweets and rejected no input"
                + " (or --accept-rejected) (with --example: when its tables hold exactly what was produced).")
public final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    Streamproc streamproc;

    @Spec
    CommandSpec spec;

    @Option(names = "--tweets", paramLabel = "N", converter = PositiveLong.class, description = "tweets the producer sends (default 2000)")
    Long tweets;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "or: produce for D (e.g. 30s, 2m) instead of a count")
    Duration duration;

    @Option(names = "--rate", paramLabel = "R", converter = NonNegative.class,
            description = "tweets per second, 0 = as fast as the stream takes them (default 500)")
    Double rate;

    @Option(names = "--source", paramLabel = "S", converter = Source.class, description = "synthetic (default) | replay:FILE")
    String source;

    @Option(names = "--seed", paramLabel = "S", description = "synthetic seed (default 42)")
    Long seed;

    @Option(names = "--malformed", paramLabel = "K", converter = NonNegative.class,
            description = "malformed records put beside the tweets (default 5)")
    Double malformed;

    @Option(names = "--notices", paramLabel = "M", converter = NonNegative.class,
            description = "stream notices (limit, scrub_geo, ...) put beside them (default 3)")
    Double notices;

    @Option(names = "--keep", description = "leave everything running afterwards (Ctrl-C stops it)")
    boolean keep;

    @Option(names = "--summary-json", paramLabel = "F", description = "also write the figures as JSON")
    Path summaryJson;

    @Option(names = "--verbose", description = "echo the functions' logs")
    boolean verbose;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the run's files go (default .streamproc under the project)")
    Path dataDir;

    @Option(names = "--example", paramLabel = "NAME",
            description = "run an example app of examples/ instead: wild-rydes | temperature-sensors | game-scores")
    String example;

    @Option(names = "--count", paramLabel = "N", converter = PositiveLong.class,
            description = "with --example: statuses per unicorn, readings per sensor, or score records (default 20)")
    Long count;

    @Option(names = "--producer", paramLabel = "P", converter = Producer.class,
            description = "kpl (default: the KPL, aggregated) | put-records (SDK PutRecords, as PutRecordsProducerFunction)")
    String producer;

    @Option(names = "--accept-rejected",
            description = "pass even when the source could not use some of its input (bad replay lines); a run on no tweet never passes")
    boolean acceptRejected;

    @Option(names = "--drain-timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "give up waiting for the pipeline to drain after D (default 3m)")
    Duration drainTimeout;

    /** The options of {@code streamproc demo args...}; a usage error is an IllegalArgumentException saying what is wrong. */
    public static DemoOptions parse(List<String> args) {
        CommandLine cli = Streamproc.commandLine(System.out, System.err);
        try {
            cli.parseArgs(concat("demo", args));
            DemoCommand demo = cli.getSubcommands().get("demo").getCommand();
            return demo.options();
        } catch (ParameterException e) {
            throw new IllegalArgumentException(Streamproc.oneLine(e), e);
        }
    }

    private static String[] concat(String first, List<String> rest) {
        String[] all = new String[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }

    DemoOptions options() {
        if (tweets != null && duration != null) {
            throw new ParameterException(spec.commandLine(), "give --tweets or --duration, not both");
        }
        DemoOptions.Builder options = DemoOptions.builder().keep(keep).verbose(verbose).summaryJson(summaryJson).dataDir(dataDir)
                .acceptRejected(acceptRejected);
        if (tweets != null) {
            options.tweets(tweets);
        }
        if (duration != null) {
            options.duration(duration).tweets(Long.MAX_VALUE);
        }
        if (rate != null) {
            options.rate(rate);
        }
        if (producer != null) {
            options.producer(producer);
        }
        if (source != null) {
            options.source(source);
        }
        if (seed != null) {
            options.seed(seed);
        }
        if (malformed != null) {
            options.malformed(malformed.intValue());
        }
        if (notices != null) {
            options.notices(notices.intValue());
        }
        if (drainTimeout != null) {
            options.drainTimeout(drainTimeout);
        }
        return options.build();
    }

    @Override
    public Integer call() throws Exception {
        if (example != null) {
            return ExampleDemo.run(new ExampleDemo.Options(example, count == null ? 20 : count.intValue(), dataDir,
                    drainTimeout == null ? Duration.ofMinutes(3) : drainTimeout, verbose), streamproc.out());
        }
        DemoOptions options = options();
        PrintStream out = streamproc.out();
        PrintStream err = streamproc.err();
        Demo demo = new Demo(options, out);
        DemoPhases phases = DemoPhases.sinceJvmStart();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.start();
            phases.mark("ready");
            demo.produce();
            phases.mark("producer");
            java.util.Optional<String> sourceFailure = demo.sourceFailure();
            if (sourceFailure.isPresent() && demo.producedNothing()) {
                err.println("streamproc demo: " + sourceFailure.get());
                return 1; // nothing of the source's to drain or count
            }
            DemoReport report = demo.drain();
            phases.mark("drain after the producer");
            DemoSummary.print(report, out);
            if (options.summaryJson() != null) {
                DemoSummary.write(report, options.summaryJson());
            }
            phases.mark("report");
            String exampleId = demo.archive().rows().isEmpty() ? null : ArchiveCensus.idOf(demo.archive().rows().get(0));
            Map<String, QueryResult> results = DemoQueries.run(RepoRoot.find().resolve("athena"), demo.pipeline().cloud().s3Dir(), exampleId, out);
            boolean queriesRan = results.values().stream().allMatch(r -> r != null);
            phases.mark("queries");
            if (options.keep()) {
                out.println();
                out.println("Everything stays up (--keep). Try: ./streamproc items --topic '<a topic above>' | ./streamproc query 'SELECT ...'"
                        + " | eval \"$(./streamproc env)\" && aws dynamodb scan --table-name " + demo.tableName() + " --max-items 3");
                out.println("Ctrl-C stops it.");
                stopped.await();
            } else {
                out.println();
                out.println("Stopping the stack (--keep leaves it running). The archive stays in " + demo.pipeline().cloud().s3Dir()
                        + ": ./streamproc query works on it.");
                Runtime.getRuntime().removeShutdownHook(hook);
                demo.close();
                phases.mark("stop");
                out.println(phases.line());
            }
            sourceFailure.ifPresent(line -> err.println("streamproc demo: " + line));
            return report.closes() && queriesRan && sourceFailure.isEmpty() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException | java.io.IOException e) {
            err.println("streamproc demo: " + e.getMessage());
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

    /** A whole number above zero. */
    static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            long n;
            try {
                n = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("needs a whole number, not '" + text + "'");
            }
            if (n <= 0) {
                throw new TypeConversionException("must be positive, not '" + text + "'");
            }
            return n;
        }
    }

    /** A number of zero or more. */
    static final class NonNegative implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            try {
                double d = Double.parseDouble(text.trim());
                if (d < 0 || Double.isNaN(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("needs a number >= 0, not '" + text + "'");
            }
        }
    }

    /** {@code kpl} or {@code put-records}: the producer CLI's {@code --producer}. */
    static final class Producer implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.equals(DemoOptions.KPL) && !value.equals(DemoOptions.PUT_RECORDS)) {
                throw new TypeConversionException("must be kpl or put-records, not '" + value + "'");
            }
            return value;
        }
    }

    /** {@code synthetic}, or {@code replay:FILE} of a file that exists. */
    static final class Source implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.equals("synthetic") && !value.startsWith("replay:")) {
                throw new TypeConversionException("must be synthetic or replay:FILE, not '" + value + "'");
            }
            if (value.startsWith("replay:") && !Files.isRegularFile(Path.of(value.substring("replay:".length())))) {
                throw new TypeConversionException("replay file not found: " + value.substring("replay:".length()));
            }
            return value;
        }
    }
}
