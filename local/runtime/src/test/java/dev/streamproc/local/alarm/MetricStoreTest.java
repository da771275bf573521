package dev.streamproc.local.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Datapoints per period, by statistic, as CloudWatch aggregates the samples published in a period. */
class MetricStoreTest {

    private static final MetricId ERRORS = MetricId.of("AWS/Lambda", "Errors", "FunctionName", "f");
    private final MetricStore store = new MetricStore(3_600_000);

    @Test
    void eachPeriodAggregatesItsOwnSamples() {
        long t0 = 1_800_000_000_000L - 1_800_000_000_000L % 60_000; // a minute boundary
        store.record(ERRORS, t0 + 1_000, 0, "Count");
        store.record(ERRORS, t0 + 15_000, 1, "Count");
        store.record(ERRORS, t0 + 59_999, 1, "Count");
        store.record(ERRORS, t0 + 120_000, 0, "Count");

        assertThat(store.range(ERRORS, Statistic.of("Sum", null), t0 + 120_000, 60, 3)).containsExactly(2.0, null, 0.0);
        assertThat(store.range(ERRORS, Statistic.of("SampleCount", null), t0, 60, 1)).containsExactly(3.0);
        assertThat(store.range(ERRORS, Statistic.of("Average", null), t0, 60, 1).get(0)).isEqualTo(2.0 / 3);
        assertThat(store.range(ERRORS, Statistic.of("Maximum", null), t0, 300, 1)).containsExactly(1.0);
        assertThat(store.range(ERRORS, Statistic.of("Minimum", null), t0, 300, 1)).containsExactly(0.0);
        assertThat(store.has(ERRORS, t0 + 60_000, 60)).isFalse();
    }

    @Test
    void percentilesOverThePeriodsValues() {
        long t0 = 1_800_000_000_000L;
        MetricId duration = MetricId.of("AWS/Lambda", "Duration", "FunctionName", "f");
        for (int i = 1; i <= 100; i++) {
            store.record(duration, t0, i, "Milliseconds");
        }
        assertThat(store.range(duration, Statistic.of(null, "p99"), t0 - t0 % 60_000, 60, 1)).containsExactly(99.0);
        assertThat(store.range(duration, Statistic.of(null, "p50"), t0 - t0 % 60_000, 60, 1)).containsExactly(50.0);
        assertThat(store.unit(duration)).isEqualTo("Milliseconds");
    }

    @Test
    void weightedSamplesCountEachOne() {
        long t0 = 1_800_000_000_000L - 1_800_000_000_000L % 300_000;
        MetricId success = MetricId.of("AWS/Firehose", "DeliveryToS3.Success", "DeliveryStreamName", "d");
        store.record(success, t0, 1, 3, "Count");
        store.record(success, t0, 0, 1, "Count");
        store.record(success, t0, 0, 0, "Count"); // nothing happened: no sample

        assertThat(store.range(success, Statistic.of("Average", null), t0, 300, 1)).containsExactly(0.75);
        assertThat(Arrays.asList(store.range(success, Statistic.of("SampleCount", null), t0, 300, 1).toArray())).containsExactly(4.0);
    }

    @Test
    void oldSamplesAreForgotten() {
        MetricStore short_ = new MetricStore(60_000);
        long t0 = 1_800_000_000_000L;
        short_.record(ERRORS, t0, 1, "Count");
        short_.record(ERRORS, t0 + 600_000, 1, "Count");

        assertThat(short_.has(ERRORS, t0 - t0 % 60_000, 60)).isFalse();
    }
}
