package dev.streamproc.bench.local;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.sun.management.OperatingSystemMXBean;
import dev.streamproc.bench.jmh.RealisticTweets;
import dev.streamproc.consumer.ConsumerHandler;
import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.lambdakit.testing.TestContext;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The consumer's CPU per stored item, warm, against a real DynamoDB Local: the {@link ConsumerHandler} invoked in
 * this JVM on 100-record Kinesis events made of 10,000 distinct v1.1 tweets (40% with non-ASCII text, no producer
 * topic, one tweet a Kinesis record), the way the event source mapping delivers them.
 *
 * <p>DynamoDB Local runs in a JVM of its own, so the two CPU figures do not mix: the consumer's is this JVM's
 * process CPU during the invocations (handler and writer threads, plus its GC and JIT threads: everything a
 * function's vCPU would spend), printed next to the handler threads' own CPU (ThreadMXBean: the invoking thread and
 * the {@code batch-writer} pool) and DynamoDB Local's process CPU (from the OS). Every round writes the same 10,000
 * items into a freshly created table (created outside the measured window), so every round does the same work.
 * Warm-up rounds come first and are not counted; the figures are medians of the measured rounds.
 *
 * <p>The function's logs and EMF metrics go where the function writes them (standard output), redirected to
 * {@code consumer-cpu-bench.log} in the working directory so the figures stay readable.
 *
 * <p>Run it in a JVM set up as Lambda's java21 runtime sets up the function's (and as the local runtime's containers
 * are): C1 only and the serial collector (AWS Lambda Developer Guide, "Customize Java runtime startup behavior": for
 * Java 17 and 21 tiered compilation stops at level 1; the Java runtimes use the serial GC), the heap of a 1,024 MB
 * function. With the JVM's defaults (C2) the figures mix in C2's compilations, which on 2 cores still go on after
 * 170,000 items. After {@code ./mvnw -pl benchmarks -am package -DskipTests}:
 * <pre>
 * AWS_EMF_ENVIRONMENT=Local POWERTOOLS_METRICS_NAMESPACE=StreamProcessing \
 *   java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxRAM=1024m -Xmx819m \
 *   -cp benchmarks/target/benchmarks.jar dev.streamproc.bench.local.ConsumerCpuBench [rounds] [warmupRounds]
 * </pre>
 */
public final class ConsumerCpuBench {

    static final int TWEETS = 10_000;
    static final int RECORDS_PER_EVENT = 100;
    static final int NON_ASCII_PERCENT = 40;
    private static final String TABLE = "EventData";
    private static final String SHARD = "shardId-000000000000";

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ConsumerCpuBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        // JIT compilation goes on for about 100,000 items: until then the process CPU still falls round by round.
        int warmupRounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        PrintStream out = System.out;
        requireEnvironment("AWS_EMF_ENVIRONMENT", "Local"); // else Powertools metrics try an agent on TCP 25888
        requireEnvironment("POWERTOOLS_METRICS_NAMESPACE", "StreamProcessing");
        // Before anything logs: the function's JSON log lines and EMF metrics go to a file, not between the figures.
        Path log = Path.of("consumer-cpu-bench.log").toAbsolutePath();
        System.setOut(new PrintStream(new FileOutputStream(log.toFile()), false, StandardCharsets.UTF_8));

        List<byte[]> tweets = RealisticTweets.v11WithoutTopic(TWEETS, 29, NON_ASCII_PERCENT);
        List<KinesisEvent> events = events(tweets);
        out.printf(Locale.ROOT, "consumer CPU bench: %d tweets (%d%% non-ASCII text, %d bytes on average) in %d events of %d"
                        + " records; %d warm-up + %d measured rounds; %d cpus, java %s%n",
                TWEETS, NON_ASCII_PERCENT, tweets.stream().mapToInt(t -> t.length).sum() / TWEETS, events.size(),
                RECORDS_PER_EVENT, warmupRounds, rounds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        out.printf("JVM options: %s%n", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.printf("function output: %s%n", log);

        try (DynamoDbLocalProcess dynamoDbLocal = DynamoDbLocalProcess.start();
             DynamoDbClient dynamo = httpClient(DynamoDbClients.configured()) // the functions' own client configuration
                     .endpointOverride(URI.create(dynamoDbLocal.endpoint()))
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .build()) {
            ConsumerHandler handler = new ConsumerHandler(dynamo, TABLE);
            out.println();
            out.println("round        consumer CPU ms/1k items   handler threads ms/1k   DynamoDB Local CPU ms/1k   items/s");
            List<Round> measured = new ArrayList<>();
            for (int i = 0; i < warmupRounds + rounds; i++) {
                boolean warmup = i < warmupRounds;
                Round round = round(handler, dynamo, events, dynamoDbLocal);
                out.printf(Locale.ROOT, "%-12s %24.1f %23.1f %26.1f %9.0f%n", (warmup ? "warm-up " : "") + (i + 1),
                        round.consumerCpuPerThousand(), round.handlerCpuPerThousand(), round.dynamoDbCpuPerThousand(),
                        round.itemsPerSecond());
                if (!warmup) {
                    measured.add(round);
                }
            }
            out.printf(Locale.ROOT, "%-12s %24.1f %23.1f %26.1f %9.0f%n", "median",
                    median(measured, Round::consumerCpuPerThousand), median(measured, Round::handlerCpuPerThousand),
                    median(measured, Round::dynamoDbCpuPerThousand), median(measured, Round::itemsPerSecond));
            Map<String, Long> threadGroups = new java.util.TreeMap<>();
            measured.forEach(round -> round.threadGroups().forEach((group, nanos) -> threadGroups.merge(group, nanos, Long::sum)));
            double measuredThousands = rounds * TWEETS / 1_000.0;
            out.printf(Locale.ROOT, "%nconsumer JVM CPU by thread (/proc), all measured rounds, ms/1k items:");
            threadGroups.forEach((group, nanos) -> out.printf(Locale.ROOT, " %s %.1f", group, nanos / 1e6 / measuredThousands));
            out.println();
            out.println();
            out.println("consumer CPU = this JVM's process CPU during the invocations (handler threads + GC + JIT);");
            out.println("handler threads = the invoking thread and the batch-writer pool (ThreadMXBean);");
            out.println("DynamoDB Local CPU = its own JVM's process CPU (OS) over the same window.");
        }
    }

    /**
     * The functions' HTTP client (url-connection), or with {@code -Dbench.httpClient=apache} the SDK's Apache client, to
     * compare what each costs the consumer.
     */
    private static software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder httpClient(
            software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder builder) {
        String client = System.getProperty("bench.httpClient", "url-connection");
        System.err.println("HTTP client: " + client);
        return "apache".equals(client)
                ? builder.httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.builder().build())
                : builder;
    }

    /** One pass over every event into a fresh table; checks that every item was stored. */
    private static Round round(ConsumerHandler handler, DynamoDbClient dynamo, List<KinesisEvent> events,
            DynamoDbLocalProcess dynamoDbLocal) {
        recreateTable(dynamo);
        TestContext context = new TestContext("ConsumerFunction", 300_000);
        long failures = 0;
        Map<Long, Long> threadsBefore = handlerThreadCpu();
        Map<String, Long> groupsBefore = ThreadGroupCpu.read();
        long processBefore = OS.getProcessCpuTime();
        long dynamoDbBefore = dynamoDbLocal.cpuNanos();
        long wallBefore = System.nanoTime();
        for (KinesisEvent event : events) {
            StreamsEventResponse response = handler.handleRequest(event, context);
            failures += response.getBatchItemFailures().size();
        }
        long wall = System.nanoTime() - wallBefore;
        long dynamoDbCpu = dynamoDbLocal.cpuNanos() - dynamoDbBefore;
        long processCpu = OS.getProcessCpuTime() - processBefore;
        long handlerCpu = minus(handlerThreadCpu(), threadsBefore);
        Map<String, Long> groups = ThreadGroupCpu.minus(ThreadGroupCpu.read(), groupsBefore);
        long stored = count(dynamo);
        if (failures != 0 || stored != TWEETS) {
            throw new IllegalStateException("round did not store every tweet: " + stored + " items, " + failures
                    + " records reported as failed");
        }
        double thousands = TWEETS / 1_000.0;
        return new Round(processCpu / 1e6 / thousands, handlerCpu / 1e6 / thousands, dynamoDbCpu / 1e6 / thousands,
                TWEETS / (wall / 1e9), groups);
    }

    private record Round(double consumerCpuPerThousand, double handlerCpuPerThousand, double dynamoDbCpuPerThousand,
            double itemsPerSecond, Map<String, Long> threadGroups) {
    }

    /** The events the event source mapping would deliver: one tweet a Kinesis record, 100 records an event. */
    static List<KinesisEvent> events(List<byte[]> tweets) {
        List<KinesisEvent> events = new ArrayList<>();
        for (int start = 0; start < tweets.size(); start += RECORDS_PER_EVENT) {
            List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
            for (int i = start; i < Math.min(tweets.size(), start + RECORDS_PER_EVENT); i++) {
                String sequenceNumber = "4959033827149025660855969253836157109592157598913" + String.format(Locale.ROOT, "%07d", i);
                KinesisEvent.Record kinesis = new KinesisEvent.Record();
                kinesis.setKinesisSchemaVersion("1.0");
                kinesis.setPartitionKey("pk-" + i);
                kinesis.setSequenceNumber(sequenceNumber);
                kinesis.setData(ByteBuffer.wrap(tweets.get(i)));
                kinesis.setApproximateArrivalTimestamp(new Date(1_795_000_000_000L + i));
                KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
                record.setKinesis(kinesis);
                record.setEventSource("aws:kinesis");
                record.setEventVersion("1.0");
                record.setEventID(SHARD + ":" + sequenceNumber);
                record.setEventName("aws:kinesis:record");
                record.setAwsRegion("us-east-1");
                record.setEventSourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/streamproc-TweetStream");
                records.add(record);
            }
            KinesisEvent event = new KinesisEvent();
            event.setRecords(records);
            events.add(event);
        }
        return events;
    }

    /** The EventData table as template.yaml defines it: key Username + Id, sparse GSI ByTopic (Topic, Timestamp). */
    private static void recreateTable(DynamoDbClient dynamo) {
        try {
            dynamo.deleteTable(delete -> delete.tableName(TABLE));
        } catch (ResourceNotFoundException e) {
            // first round
        }
        dynamo.createTable(table -> table
                .tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("Username"), attribute("Id"), attribute("Topic"), attribute("Timestamp"))
                .keySchema(key("Username", KeyType.HASH), key("Id", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("ByTopic")
                        .keySchema(key("Topic", KeyType.HASH), key("Timestamp", KeyType.RANGE))
                        .projection(projection -> projection.projectionType(ProjectionType.ALL))
                        .build()));
    }

    private static long count(DynamoDbClient dynamo) {
        return dynamo.scanPaginator(scan -> scan.tableName(TABLE).select(Select.COUNT)).stream()
                .mapToLong(page -> page.count())
                .sum();
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** CPU time by thread id of the threads that run the handler: this one and the batch writers. */
    private static Map<Long, Long> handlerThreadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        long self = Thread.currentThread().getId();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && (info.getThreadId() == self || info.getThreadName().startsWith("batch-writer"))) {
                cpu.put(info.getThreadId(), Math.max(0, THREADS.getThreadCpuTime(info.getThreadId())));
            }
        }
        return cpu;
    }

    private static long minus(Map<Long, Long> after, Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            total += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return total;
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure) {
        List<Double> values = new ArrayList<>();
        for (Round round : rounds) {
            values.add(figure.applyAsDouble(round));
        }
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static void requireEnvironment(String name, String example) {
        if (System.getenv(name) == null) {
            throw new IllegalStateException("set " + name + " (e.g. " + name + "=" + example + ") as template.yaml and"
                    + " the tests do; see this class's comment");
        }
    }

    /** This JVM's CPU time by kind of thread (the handler's, GC, JIT, the rest), from {@code /proc/self/task}. */
    static final class ThreadGroupCpu {

        private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

        /** CPU time by thread id, each keyed {@code group/tid}, so a thread that ends cannot make a group's delta negative. */
        static Map<String, Long> read() {
            Map<String, Long> groups = new java.util.TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException e) {
                        continue; // the thread ended
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    groups.put(groupOf(name) + "/" + task.getFileName(), ticks * NANOS_PER_TICK);
                }
            } catch (IOException e) {
                return Map.of();
            }
            return groups;
        }

        private static String groupOf(String threadName) {
            if (threadName.equals("java") || threadName.startsWith("main") || threadName.startsWith("batch-writer")) {
                return "handler";
            }
            if (threadName.startsWith("GC ") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
                return "gc";
            }
            if (threadName.contains("CompilerThre")) {
                return "jit";
            }
            return "other";
        }

        static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
            Map<String, Long> delta = new java.util.TreeMap<>();
            after.forEach((thread, nanos) -> delta.merge(thread.substring(0, thread.indexOf('/')),
                    nanos - before.getOrDefault(thread, 0L), Long::sum));
            return delta;
        }
    }

    /** DynamoDB Local (the project's local-cloud server) in a JVM of its own, so its CPU can be read apart. */
    static final class DynamoDbLocalProcess implements AutoCloseable {

        private final Process process;
        private final int port;

        private DynamoDbLocalProcess(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static DynamoDbLocalProcess start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path log = Files.createTempFile("dynamodb-local", ".log");
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    DynamoDbLocalMain.class.getName())
                    .redirectError(log.toFile())
                    .start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(DynamoDbLocalMain.READY)) {
                    return new DynamoDbLocalProcess(process, Integer.parseInt(line.substring(DynamoDbLocalMain.READY.length()).trim()));
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("DynamoDB Local did not start; see " + log);
        }

        String endpoint() {
            return "http://127.0.0.1:" + port;
        }

        long cpuNanos() {
            return process.info().totalCpuDuration().map(Duration::toNanos)
                    .orElseThrow(() -> new IllegalStateException("the OS does not report DynamoDB Local's CPU time"));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
