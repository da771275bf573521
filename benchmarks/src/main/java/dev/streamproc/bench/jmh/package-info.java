/**
 * JMH benchmarks of the CPU-bound cores (no I/O).
 *
 * <pre>
 * ./mvnw -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar 'dev.streamproc.bench.jmh.*' -f 1 -wi 10 -i 5 -w 5s -r 5s \
 *     -prof dev.streamproc.bench.jmh.ProcessCpuProfiler
 * </pre>
 *
 * <p>{@link dev.streamproc.bench.jmh.ConsumerDecodeBenchmark} scores are per user record (target
 * at most 5 µs), {@link dev.streamproc.bench.jmh.TransformerBatchBenchmark} per 6 MB batch (target
 * at most 50 ms). On a machine shared with other work, read {@code worker.cpu.per.op} from
 * {@link dev.streamproc.bench.jmh.ProcessCpuProfiler}: the wall-clock score also counts the time the
 * benchmark thread waited for a core, and a starved JIT needs more warmup iterations than usual.
 */
package dev.streamproc.bench.jmh;
