package dev.streamproc.bench.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import dev.streamproc.local.lambda.LocalLambda;
import dev.streamproc.local.lambda.ProbeFunctions;
import dev.streamproc.local.lambda.RuntimeOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures of the local Lambda runtime, printed as a table:
 * <ul>
 *   <li>cold start (process start → first {@code /next}) of each template function, from its deployment jar;</li>
 *   <li>warm round trip of a trivial handler (the Runtime API's own overhead);</li>
 *   <li>warm latency and throughput of the real transformer on 100-tweet Firehose events.</li>
 * </ul>
 * Run (after {@code ./mvnw package}): {@code java -cp benchmarks/target/benchmarks.jar dev.streamproc.bench.local.LambdaRuntimeBench
 * [coldStarts] [warmInvokes]}
 */
public final class LambdaRuntimeBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int coldStarts = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmInvokes = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dataDir = Files.createTempDirectory("lambda-bench");
        Template template = Template.load(RepoRoot.find().resolve("template.yaml"));
        System.out.printf(Locale.ROOT, "local Lambda runtime bench: %d cold starts per function, %d warm invokes; %d cpus, java %s%n",
                coldStarts, warmInvokes, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        System.out.println();
        System.out.println("cold start (process start -> first /next), ms      p50      min      max");
        for (Template.FunctionDef function : template.functions()) {
            List<Double> millis = new ArrayList<>();
            FunctionSpec spec = FunctionSpec.of(function);
            for (int i = 0; i < coldStarts; i++) {
                try (LocalLambda lambda = new LocalLambda(List.of(spec), options(dataDir))) {
                    // the invocation's outcome does not matter here (no cloud is up); init has run once it is back
                    lambda.invoke(spec.logicalId(), "{}".getBytes(StandardCharsets.UTF_8));
                    millis.add(lambda.coldStarts().get(spec.logicalId()).get(0).toNanos() / 1e6);
                }
            }
            printRow(function.logicalId(), millis);
        }

        System.out.println();
        System.out.println("warm invoke round trip, ms                         p50      p99      max   invokes/s");
        Path probeJar = dataDir.resolve("probe/target/probe-lambda.jar");
        ProbeFunctions.packageProbeJar(probeJar);
        FunctionSpec probe = new FunctionSpec("ProbeFunction", "bench-ProbeFunction", "arn:aws:lambda:us-east-1:000000000000:function:bench-ProbeFunction",
                List.of(probeJar), ProbeFunctions.HANDLER, 1024, Duration.ofSeconds(30), Map.of());
        warm("trivial handler (echo {})", probe, "{}".getBytes(StandardCharsets.UTF_8), warmInvokes, dataDir, 1);
        FunctionSpec transformer = FunctionSpec.of(template.function("FirehoseTransformerFunction"));
        byte[] firehoseEvent = firehoseEvent(100);
        warm("transformer, 100-tweet Firehose event", transformer, firehoseEvent, warmInvokes, dataDir, 100);
    }

    private static RuntimeOptions options(Path dataDir) {
        return RuntimeOptions.forDataDirectory(dataDir, Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"), null, false).withMaxContainersPerFunction(1);
    }

    private static void warm(String label, FunctionSpec spec, byte[] event, int invokes, Path dataDir, int recordsPerEvent) {
        try (LocalLambda lambda = new LocalLambda(List.of(spec), options(dataDir))) {
            for (int i = 0; i < Math.max(20, invokes / 10); i++) {
                check(lambda.invoke(spec.logicalId(), event));
            }
            List<Double> millis = new ArrayList<>();
            long begin = System.nanoTime();
            for (int i = 0; i < invokes; i++) {
                long start = System.nanoTime();
                check(lambda.invoke(spec.logicalId(), event));
                millis.add((System.nanoTime() - start) / 1e6);
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            Collections.sort(millis);
            System.out.printf(Locale.ROOT, "%-48s %8.2f %8.2f %8.2f %9.0f%s%n", label, percentile(millis, 50), percentile(millis, 99),
                    millis.get(millis.size() - 1), invokes / seconds,
                    recordsPerEvent > 1 ? String.format(Locale.ROOT, "  (%.0f records/s)", invokes * recordsPerEvent / seconds) : "");
        }
    }

    private static void check(InvocationResult result) {
        if (!result.succeeded()) {
            throw new IllegalStateException(result.errorType() + ": " + result.errorMessage());
        }
    }

    private static void printRow(String label, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-48s %8.0f %8.0f %8.0f%n", label, percentile(sorted, 50), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** A Firehose processor event of synthetic v1.1 tweets. */
    private static byte[] firehoseEvent(int records) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("invocationId", "bench");
        event.put("deliveryStreamArn", "arn:aws:firehose:us-east-1:000000000000:deliverystream/streamproc-DeliveryStream");
        event.put("region", "us-east-1");
        ArrayNode list = event.putArray("records");
        for (int i = 0; i < records; i++) {
            String tweet = "{\"id_str\":\"" + (1_000_000 + i) + "\",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\","
                    + "\"text\":\"tweet number " + i + " about #streams and #lambda\",\"lang\":\"en\","
                    + "\"user\":{\"screen_name\":\"user" + (i % 17) + "\",\"name\":\"User " + i + "\",\"followers_count\":" + i + "},"
                    + "\"entities\":{\"hashtags\":[{\"text\":\"streams\"},{\"text\":\"lambda\"}]},\"retweet_count\":1,\"favorite_count\":2,"
                    + "\"topic\":\"#streams\"}";
            ObjectNode record = list.addObject();
            record.put("recordId", "r" + i);
            record.put("approximateArrivalTimestamp", 1_700_000_000_000L);
            record.put("data", Base64.getEncoder().encodeToString(tweet.getBytes(StandardCharsets.UTF_8)));
        }
        return JSON.writeValueAsBytes(event);
    }
}
