package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.local.stream.StartPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EsmSettingsTest {

    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/s";

    @Test
    void readsEveryPropertyOfASamKinesisEvent() {
        EsmSettings s = EsmSettings.fromEventProperties("ConsumerFunction", "arn:aws:lambda:us-east-1:000000000000:function:c", Map.of(
                "Stream", STREAM, "StartingPosition", "TRIM_HORIZON", "BatchSize", 50, "MaximumBatchingWindowInSeconds", "2",
                "ParallelizationFactor", 3, "MaximumRetryAttempts", 5, "BisectBatchOnFunctionError", true,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"), "MaximumRecordAgeInSeconds", 21600,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", "arn:aws:sqs:us-east-1:000000000000:q"))));

        assertThat(s.batchSize()).isEqualTo(50);
        assertThat(s.maximumBatchingWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.startingPosition()).isEqualTo(StartPosition.trimHorizon());
        assertThat(s.parallelizationFactor()).isEqualTo(3);
        assertThat(s.maximumRetryAttempts()).isEqualTo(5);
        assertThat(s.maximumRecordAgeSeconds()).isEqualTo(21600);
        assertThat(s.bisectBatchOnFunctionError()).isTrue();
        assertThat(s.reportBatchItemFailures()).isTrue();
        assertThat(s.onFailureDestination()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:q");
        assertThat(s.enabled()).isTrue();
        assertThat(s.region()).isEqualTo("us-east-1");
    }

    @Test
    void appliesLambdasDefaults() {
        EsmSettings s = EsmSettings.fromEventProperties("f", "arn", Map.of("Stream", STREAM, "StartingPosition", "LATEST"));
        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.maximumBatchingWindow()).isZero();
        assertThat(s.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(s.maximumRecordAgeSeconds()).isEqualTo(-1);
        assertThat(s.parallelizationFactor()).isEqualTo(1);
        assertThat(s.bisectBatchOnFunctionError()).isFalse();
        assertThat(s.reportBatchItemFailures()).isFalse();
        assertThat(s.onFailureDestination()).isNull();
        assertThat(s.maxPayloadBytes()).isEqualTo(6 * 1024 * 1024);
        assertThat(s.idlePollInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void readsAnAtTimestampStartInEpochSeconds() {
        EsmSettings s = EsmSettings.fromEventProperties("f", "arn", Map.of("Stream", STREAM, "StartingPosition", "AT_TIMESTAMP",
                "StartingPositionTimestamp", 1700000000.5));
        assertThat(s.startingPosition()).isEqualTo(StartPosition.atTimestamp(Instant.ofEpochMilli(1700000000500L)));
    }

    @Test
    void rejectsValuesLambdaRejects() {
        assertThatThrownBy(() -> EsmSettings.fromEventProperties("f", "arn", Map.of("Stream", STREAM, "BatchSize", 10001)))
                .hasMessageContaining("BatchSize");
        assertThatThrownBy(() -> EsmSettings.fromEventProperties("f", "arn", Map.of("Stream", STREAM, "ParallelizationFactor", 11)))
                .hasMessageContaining("ParallelizationFactor");
        assertThatThrownBy(() -> EsmSettings.fromEventProperties("f", "arn", Map.of("BatchSize", 1)))
                .hasMessageContaining("Stream");
    }
}
