package dev.streamproc.bench.local;

import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bench main (not a test): time from {@link LocalCloud#start} to ready (all servers answering, stack of the real
 * template.yaml created), as {@code ./streamproc up} sees it. The first round in a JVM is the cold one {@code up}
 * pays; later rounds show the warm cost. Run (after {@code ./mvnw package}):
 * {@code java -XX:TieredStopAtLevel=1 -cp benchmarks/target/benchmarks.jar dev.streamproc.bench.local.StartupBench [rounds]}.
 */
public final class StartupBench {

    private StartupBench() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Long> millis = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path dataDir = Files.createTempDirectory("startup-bench");
            long begin = System.nanoTime();
            try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder().dataDir(dataDir).parametersFile(null).out(line -> { }).build())) {
                long took = (System.nanoTime() - begin) / 1_000_000;
                millis.add(took);
                double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
                double nodeCpu = ProcessHandle.of(cloud.kinesisServer().pid()).flatMap(p -> p.info().totalCpuDuration())
                        .map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
                System.out.printf("round %d (%s): ready in %d ms; CPU so far: JVM %.1f s, Kinesis node %.1f s; %s%n", round,
                        round == 1 ? "cold JVM" : "warm JVM", took, cpu, nodeCpu, cloud.startupBreakdown());
            }
        }
        System.out.printf("cores %d; cold %d ms; warm median %d ms%n", Runtime.getRuntime().availableProcessors(), millis.get(0),
                millis.size() > 1 ? millis.subList(1, millis.size()).stream().sorted().toList().get((millis.size() - 1) / 2) : -1);
    }
}
