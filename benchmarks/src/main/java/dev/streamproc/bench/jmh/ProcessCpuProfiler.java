package dev.streamproc.bench.jmh;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the CPU time the benchmark JVM used per operation, next to JMH's wall-clock score.
 * On a shared machine the wall clock also counts time spent waiting for a core; CPU time is
 * what a Lambda function with a dedicated vCPU would spend. Includes JIT and GC threads, so it
 * errs high; {@code worker.cpu.per.op} counts only the benchmark threads. Use with {@code -prof dev.streamproc.bench.jmh.ProcessCpuProfiler}.
 */
public class ProcessCpuProfiler implements InternalProfiler {

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuBefore;
    private long workersBefore;
    private long wallBefore;

    @Override
    public String getDescription() {
        return "process CPU time per operation (wall-clock score x CPU/wall ratio)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore = os.getProcessCpuTime();
        workersBefore = workerCpuTime();
        wallBefore = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        double wall = System.nanoTime() - wallBefore;
        double cpuShare = (os.getProcessCpuTime() - cpuBefore) / wall;
        double workerShare = (workerCpuTime() - workersBefore) / wall;
        Result<?> primary = result.getPrimaryResult();
        return List.of(
                new ScalarResult("cpu.per.op", primary.getScore() * cpuShare, primary.getScoreUnit(), AggregationPolicy.AVG),
                new ScalarResult("worker.cpu.per.op", primary.getScore() * workerShare, primary.getScoreUnit(),
                        AggregationPolicy.AVG),
                new ScalarResult("cpu.share", cpuShare, "cores", AggregationPolicy.AVG));
    }

    /** CPU time of JMH's benchmark threads only: the measured code without JIT and GC threads. */
    private long workerCpuTime() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
