package dev.streamproc.local.demo;

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
 */
public record DemoReport(Accounting accounting, Percentiles eventDataLatency, Percentiles archiveLatency, Duration readyTime,
                         Duration elapsed, double throughput, Map<String, List<Duration>> coldStarts,
                         List<OnFailureQueue.FailedBatch> failedBatches, ConsumerLog.Counts consumerLog, long esmRetries,
                         double producerSeconds) {

    public boolean closes() {
        return accounting.closes();
    }
}
