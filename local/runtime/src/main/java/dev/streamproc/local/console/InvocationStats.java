package dev.streamproc.local.console;

import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invocations of each function as the runtime reports them (every caller: mappings, Firehose, schedules, the Test
 * tab): counts and errors since start, and the durations since the last sample, for the Monitoring charts.
 */
public final class InvocationStats {

    /** Counters of one function; durations are drained by each sample. */
    static final class Function {
        long invocations;
        long errors;
        final List<Double> durationsMs = new ArrayList<>();
    }

    /** One function's figures since the previous sample. */
    public record Sample(long invocations, long errors, List<Double> durationsMs) {
    }

    private final Map<String, Function> functions = new ConcurrentHashMap<>();

    public void record(String functionId, InvocationResult result) {
        Function f = functions.computeIfAbsent(functionId, id -> new Function());
        synchronized (f) {
            f.invocations++;
            if (!result.succeeded()) {
                f.errors++;
            }
            if (result.duration() != null && f.durationsMs.size() < 100_000) {
                f.durationsMs.add(result.duration().toNanos() / 1e6);
            }
        }
    }

    /** Totals so far and the durations recorded since the previous call (which it forgets). */
    public Sample drain(String functionId) {
        Function f = functions.get(functionId);
        if (f == null) {
            return new Sample(0, 0, List.of());
        }
        synchronized (f) {
            List<Double> durations = List.copyOf(f.durationsMs);
            f.durationsMs.clear();
            return new Sample(f.invocations, f.errors, durations);
        }
    }

    /** The p-th percentile (0–100) of the values, nearest rank; 0 when there are none. */
    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
