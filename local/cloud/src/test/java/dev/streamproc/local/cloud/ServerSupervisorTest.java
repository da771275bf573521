package dev.streamproc.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.server.LocalServer;
import dev.streamproc.local.cloud.server.SsmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A server that dies while the cloud runs is noticed and, where its data allows, started again (issue 11, item 8:
 * kinesis-mock killed with {@code kill -9} 20 s into a run was never noticed and took its records with it).
 */
@Timeout(120)
class ServerSupervisorTest {

    @TempDir
    Path dataDir;

    @Test
    void aKilledKinesisServerIsStartedAgainOnItsPortsWithTheRecordsItHadAcknowledged() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        LocalCloudConfig config = LocalCloudConfig.builder().dataDir(dataDir).template(RepoRoot.find().resolve("template.yaml"))
                .parametersFile(null).out(out::add).build();
        try (LocalCloud cloud = LocalCloud.start(config); KinesisClient kinesis = cloud.kinesisClient()) {
            String stream = cloud.template().physicalName("TweetStream");
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                acknowledged.add(kinesis.putRecord(b -> b.streamName(stream).partitionKey("k" + n)
                        .data(SdkBytes.fromUtf8String("record " + n))).sequenceNumber());
            }
            Path saved = dataDir.resolve("logs/kinesis-data/kinesis-data.json");
            long putDone = System.currentTimeMillis();
            // kinesis-mock saves its streams every few seconds: wait for a save that follows the last put
            awaitUntil(Duration.ofSeconds(30), () -> Files.isRegularFile(saved) && modifiedMillis(saved) > putDone + 50);
            long oldPid = cloud.kinesisServer().pid();
            List<Integer> ports = cloud.kinesisServer().ports();

            ProcessHandle.of(oldPid).orElseThrow().destroyForcibly(); // kill -9
            awaitUntil(Duration.ofSeconds(30), () -> !cloud.serverEvents().isEmpty());

            ServerEvent event = cloud.serverEvents().get(0);
            assertThat(event.server()).isEqualTo("kinesis");
            assertThat(event.restarted()).isTrue();
            assertThat(event.line()).startsWith("local cloud: the kinesis server (pid " + oldPid).contains("died").contains("started it again");
            assertThat(out).contains(event.line());
            assertThat(cloud.kinesisServer().pid()).isNotEqualTo(oldPid);
            assertThat(cloud.kinesisServer().ports()).isEqualTo(ports);
            assertThat(LocalState.read(config.stateFile()).orElseThrow().servers())
                    .filteredOn(s -> s.name().equals("kinesis")).extracting(LocalState.Server::pid).containsExactly(cloud.kinesisServer().pid());
            assertThat(cloud.health()).doesNotContainValue(false);

            String shard = kinesis.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = kinesis.getRecords(b -> b.shardIterator(iterator)).records();
            assertThat(records).extracting(Record::sequenceNumber).containsExactlyElementsOf(acknowledged);
            assertThat(records.get(19).data().asUtf8String()).isEqualTo("record 19");
            assertThat(kinesis.putRecord(b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("after"))).sequenceNumber())
                    .isNotBlank();
        }
        assertThat(ProcessHandle.current().children().toList()).as("the restarted server is stopped too").isEmpty();
    }

    @Test
    void aServerThatCannotBeStartedAgainWithItsDataIsOneLineNamingItAndWhatToRun() throws Exception {
        SsmServer ssm = SsmServer.start();
        List<ServerEvent> events = new CopyOnWriteArrayList<>();
        ServerSupervisor.Slots slots = new ServerSupervisor.Slots() {
            @Override
            public List<LocalServer> all() {
                return List.of(ssm);
            }

            @Override
            public void replace(LocalServer dead, LocalServer restarted) {
                throw new AssertionError("an in-memory server is not restarted");
            }
        };
        try (ServerSupervisor supervisor = ServerSupervisor.start(slots, Duration.ofMillis(50), Duration.ofMillis(200), events::add)) {
            ssm.close(); // it stops answering; its parameters were in memory
            awaitUntil(Duration.ofSeconds(10), () -> !events.isEmpty());
            Thread.sleep(500); // more rounds of checks: still one line
        }
        assertThat(events).hasSize(1);
        assertThat(events.get(0).restarted()).isFalse();
        assertThat(events.get(0).server()).isEqualTo("ssm");
        assertThat(events.get(0).line()).isEqualTo("local cloud: the ssm server (port " + ssm.port() + ") stopped answering and cannot be"
                + " started again with its data from here: stop everything (Ctrl-C or ./streamproc down) and start it again (./streamproc up)");
    }

    @Test
    void aServerThatIsOnlySlowForAWhileIsNeitherRestartedNorLost() throws Exception {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean restarted = new java.util.concurrent.atomic.AtomicBoolean();
        LocalServer slow = new LocalServer() {
            @Override
            public String name() {
                return "kinesis";
            }

            @Override
            public List<Integer> ports() {
                return List.of(1);
            }

            @Override
            public String endpoint() {
                return "http://127.0.0.1:1";
            }

            @Override
            public boolean isAlive() {
                return checks.incrementAndGet() > 10; // misses ten checks in a row (busy writing its streams), then answers
            }

            @Override
            public java.util.Optional<LocalServer> restartWithItsData() {
                restarted.set(true);
                return java.util.Optional.empty();
            }

            @Override
            public void close() {
            }
        };
        List<ServerEvent> events = new CopyOnWriteArrayList<>();
        ServerSupervisor.Slots slots = new ServerSupervisor.Slots() {
            @Override
            public List<LocalServer> all() {
                return List.of(slow);
            }

            @Override
            public void replace(LocalServer dead, LocalServer again) {
                throw new AssertionError("a slow server is not replaced");
            }
        };
        try (ServerSupervisor supervisor = ServerSupervisor.start(slots, Duration.ofMillis(20), Duration.ofSeconds(5), events::add)) {
            awaitUntil(Duration.ofSeconds(10), () -> checks.get() > 20);
        }
        assertThat(events).isEmpty();
        assertThat(restarted).isFalse();
    }

    private static long modifiedMillis(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void awaitUntil(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited %s", limit).isNegative();
            Thread.sleep(100);
        }
    }
}
