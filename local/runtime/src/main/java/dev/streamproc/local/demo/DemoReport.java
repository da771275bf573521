package dev.streamproc.local.demo;

import dev.streamproc.local.cloud.ServerEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The figures of one demo run.
 *
 * @param eventDataLatency put time (the stream's arrival timestamp) → the item first seen in EventData
 * @param archiveLatency   put time → the S3 object holding the row written (Firehose buffering included)
 * @param elapsed          producer start → everything drained
 * @param throughput       EventData items per second, producer start → last item seen
 * @param serverEvents     servers that died during the run: restarted with their data, or lost
 */
public record DemoReport(Accounting accounting, Percentiles eventDataLatency, Percentiles archiveLatency, Duration readyTime,
                         Duration elapsed, double throughput, Map<String, List<Duration>> coldStarts,
                         List<OnFailureQueue.FailedBatch> failedBatches, ConsumerLog.Counts consumerLog, long esmRetries,
                         double producerSeconds, List<ServerEvent> serverEvents) {

    /** Every record accounted for, and no server lost on the way (one restarted with its data is fine). */
    public boolean closes() {
        return problems().isEmpty();
    }

    /** The accounting's problems, then each server lost during the run. */
    public List<String> problems() {
        List<String> problems = new java.util.ArrayList<>(accounting.problems());
        serverEvents.stream().filter(e -> !e.restarted()).forEach(e -> problems.add("the " + e.server() + " server was lost during the run"));
        return problems;
    }
}
