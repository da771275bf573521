package dev.streamproc.bench.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.esm.EsmSettings;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.esm.KinesisEventFormat;
import dev.streamproc.local.esm.StreamTestServers;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.firehose.FirehoseSettings;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import dev.streamproc.local.stream.KinesisStreamSource;
import dev.streamproc.local.stream.StartPosition;
import dev.streamproc.model.kpl.KplAggregateEncoder;
import dev.streamproc.model.kpl.UserRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Figures for the event source mapping and Firehose delivery against the real local servers. Run (after
 * {@code ./mvnw package}): {@code java -cp benchmarks/target/benchmarks.jar dev.streamproc.bench.local.StreamDeliveryBench [records]}. Prints records/s through a mapping with a no-op function, arrival→invocation latency at Lambda's 1 s idle
 * poll, and user records/s through Firehose (KPL aggregates, pass-through processor, gzip to s3proxy).
 */
public final class StreamDeliveryBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        StreamTestServers servers = StreamTestServers.get();
        Path dataDir = Files.createTempDirectory("stream-bench");
        String payload = "{\"id_str\":\"%d\",\"text\":\"" + "x".repeat(250) + "\"}";

        // 1. Mapping throughput: records already on the stream, no-op function, BatchSize 100 and 500.
        for (int batchSize : new int[] {100, 500}) {
            String stream = servers.freshStream("bench-esm", 1);
            List<String[]> input = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                input.add(new String[] {"k" + i, String.format(payload, i)});
            }
            servers.put(stream, input);
            EsmSettings settings = EsmSettings.builder("Bench", "arn:aws:lambda:us-east-1:000000000000:function:bench", stream)
                    .batchSize(batchSize).idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(50)).build();
            long start = System.nanoTime();
            try (EventSourceMapping mapping = new EventSourceMapping(settings, new KinesisStreamSource(servers.kinesis, stream),
                    new KinesisEventFormat(stream, "us-east-1", "arn:aws:iam::000000000000:role/bench"),
                    (f, e) -> InvocationResult.success(null, Duration.ZERO), null, dataDir).start()) {
                while (mapping.metrics().recordsDelivered() < records) {
                    Thread.sleep(5);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("esm  batch=%-4d %,d records in %.2f s = %,.0f records/s (%d invocations)%n", batchSize, records, seconds,
                        records / seconds, mapping.metrics().batchesInvoked());
            }
        }

        // 2. Latency at Lambda's idle poll of 1 s: one record every 150 ms, arrival → invocation.
        String stream = servers.freshStream("bench-latency", 1);
        List<Long> latencies = new CopyOnWriteArrayList<>();
        EsmSettings settings = EsmSettings.builder("Bench", "arn:aws:lambda:us-east-1:000000000000:function:bench", stream)
                .startingPosition(StartPosition.trimHorizon()).build();
        try (EventSourceMapping mapping = new EventSourceMapping(settings, new KinesisStreamSource(servers.kinesis, stream),
                new KinesisEventFormat(stream, "us-east-1", "arn:aws:iam::000000000000:role/bench"), (f, e) -> {
                    long now = System.currentTimeMillis();
                    String json = new String(e, StandardCharsets.UTF_8);
                    for (String part : json.split("\"data\":\"")) {
                        if (part.startsWith("{")) {
                            continue;
                        }
                        long sentAt = Long.parseLong(new String(Base64.getDecoder().decode(part.substring(0, part.indexOf('"'))),
                                StandardCharsets.UTF_8));
                        latencies.add(now - sentAt);
                    }
                    return InvocationResult.success(null, Duration.ZERO);
                }, null, dataDir).start()) {
            for (int i = 0; i < 100; i++) {
                servers.put(stream, List.<String[]>of(new String[] {"k", Long.toString(System.currentTimeMillis())}));
                Thread.sleep(150);
            }
            while (latencies.size() < 100) {
                Thread.sleep(10);
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("esm  put → invoke latency at 1 s idle poll: p50 %d ms, p99 %d ms, max %d ms (%d records)%n",
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1),
                sorted.size());

        // 3. Firehose: KPL aggregates of 100 user records, pass-through processor, gzip objects.
        String source = servers.freshStream("bench-firehose", 1);
        String bucket = servers.freshBucket("bench-firehose");
        for (int a = 0; a < records / 100; a++) {
            List<UserRecord> users = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                users.add(new UserRecord("k" + i, null, 0, String.format(payload, a * 100 + i).getBytes(StandardCharsets.UTF_8), true));
            }
            servers.putBytes(source, "agg" + a, KplAggregateEncoder.encode(users));
        }
        FirehoseSettings firehose = FirehoseSettings.builder("bench", "us-east-1", "000000000000", source, bucket)
                .prefix("tweets/!{timestamp:yyyy/MM/dd/HH}/").gzip(true).lambdaArn("arn:aws:lambda:us-east-1:000000000000:function:passthrough")
                .buffers(3L * 1024 * 1024, Duration.ofSeconds(60), 64L * 1024 * 1024, Duration.ofSeconds(60))
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(50))
                .build();
        Instant begin = Instant.now();
        FirehoseDelivery delivery = new FirehoseDelivery(firehose, new KinesisStreamSource(servers.kinesis, source),
                (f, e) -> InvocationResult.success(passThrough(e), Duration.ZERO), servers.s3, dataDir).start();
        while (delivery.metrics().recordsIn() < records) {
            Thread.sleep(5);
        }
        delivery.close();
        double seconds = Duration.between(begin, Instant.now()).toNanos() / 1e9;
        var m = delivery.metrics();
        System.out.printf("firehose %,d user records (%d KPL aggregates) to S3 in %.2f s = %,.0f records/s (%d invocations, %d objects)%n",
                m.okRecords(), m.kinesisRecordsIn(), seconds, m.okRecords() / seconds, m.invocations(), m.objectsWritten());
        System.exit(0);
    }

    /** The Firehose response that returns every record Ok with its data unchanged. */
    private static byte[] passThrough(byte[] event) {
        try {
            var root = JSON.readTree(event);
            var out = JSON.createObjectNode();
            var array = out.putArray("records");
            for (var r : root.get("records")) {
                array.addObject().put("recordId", r.get("recordId").asText()).put("result", "Ok").put("data", r.get("data").asText());
            }
            return JSON.writeValueAsBytes(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
