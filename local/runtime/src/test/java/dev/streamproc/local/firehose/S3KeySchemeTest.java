package dev.streamproc.local.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3KeySchemeTest {

    private static final Instant OLDEST = Instant.parse("2026-11-23T09:05:07.123Z");

    @Test
    void noPrefixMeansTheDefaultUtcHourPrefix() {
        assertThat(S3KeyScheme.prefix(null, false, OLDEST)).isEqualTo("2026/11/23/09/");
        assertThat(S3KeyScheme.prefix("", false, OLDEST)).isEqualTo("2026/11/23/09/");
    }

    @Test
    void aPrefixWithoutExpressionsGetsTheDefaultHourPrefixAppended() {
        assertThat(S3KeyScheme.prefix("tweets/", false, OLDEST)).isEqualTo("tweets/2026/11/23/09/");
    }

    @Test
    void timestampExpressionsUseTheOldestRecordsArrivalInUtc() {
        assertThat(S3KeyScheme.prefix("tweets/!{timestamp:yyyy/MM/dd/HH}/", false, OLDEST)).isEqualTo("tweets/2026/11/23/09/");
        assertThat(S3KeyScheme.prefix("dt=!{timestamp:yyyy'-'MM'-'dd}/h=!{timestamp:HH}/", false, OLDEST)).isEqualTo("dt=2026-11-23/h=09/");
    }

    @Test
    void errorOutputTypeAndRandomStringAreEvaluated() {
        assertThat(S3KeyScheme.prefix("errors/!{firehose:error-output-type}/!{timestamp:yyyy}/", true, OLDEST))
                .isEqualTo("errors/processing-failed/2026/");
        assertThat(S3KeyScheme.prefix("x/!{firehose:random-string}/", false, OLDEST)).matches("x/[A-Za-z0-9]{11}/");
    }

    @Test
    void withoutAnErrorOutputPrefixFailedRecordsGoUnderProcessingFailed() {
        assertThat(S3KeyScheme.prefix(null, true, OLDEST)).isEqualTo("processing-failed/2026/11/23/09/");
    }

    @Test
    void theSuffixIsStreamVersionUtcTimeAndUuid() {
        assertThat(S3KeyScheme.suffix("my-stream", 1, OLDEST, false))
                .matches("my-stream-1-2026-11-23-09-05-07-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(S3KeyScheme.suffix("my-stream", 1, OLDEST, true)).endsWith(".gz");
    }

    @Test
    void rejectsExpressionsFirehoseRejects() {
        assertThatThrownBy(() -> S3KeyScheme.validate("!{firehose:error-output-type}/", false)).hasMessageContaining("ErrorOutputPrefix");
        assertThatThrownBy(() -> S3KeyScheme.validate("!{firehose:nope}/", true)).hasMessageContaining("nope");
        assertThatThrownBy(() -> S3KeyScheme.validate("!{partitionKeyFromQuery:id}/", false)).hasMessageContaining("unsupported");
    }
}
