package dev.streamproc.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountingTest {

    /**
     * 100 tweets and 8 injected records in 10 Kinesis records; on the consumer side 95 items, 8 skipped notices,
     * 5 rejected records; on the archive side 95 rows, 8 dropped, 5 processing-failed.
     */
    private static Accounting.Builder balanced() {
        return Accounting.builder().producerSent(100).producerFailed(0).injected(8).kinesisRecords(10)
                .userRecords(108).distinctRecords(108)
                .eventDataItems(95).itemRecords(95).consumerSkipped(8).consumerRejected(5).consumerOnFailure(0)
                .s3OkRows(95).dropped(8).processingFailed(5);
    }

    @Test
    void theSourcesRejectionsNeverReachTheStreamSoTheyStayOutsideTheIdentities() {
        Accounting a = balanced().sourceRejected(3).build();

        assertThat(a.problems()).isEmpty();
        assertThat(a.sourceRejected()).isEqualTo(3);
    }

    @Test
    void closesWhenEveryRecordIsSomewhereOnBothPaths() {
        Accounting a = balanced().build();

        assertThat(a.closes()).isTrue();
        assertThat(a.duplicates()).isZero();
    }

    @Test
    void aDuplicateFromAProducerRetryIsOneMoreRecordOnBothPaths() {
        // 2 tweets put twice: the items stay 95, the records behind them are 97; Firehose archives 97 rows.
        Accounting a = balanced().userRecords(110).itemRecords(97).s3OkRows(97).build();

        assertThat(a.problems()).isEmpty();
        assertThat(a.duplicates()).isEqualTo(2);
    }

    @Test
    void aRecordMissingFromEitherPathIsReported() {
        Accounting a = balanced().eventDataItems(94).itemRecords(94).processingFailed(4).build();

        assertThat(a.problems()).containsExactly("consumer side: 107 of 108 records accounted for",
                "archive side: 107 of 108 records accounted for");
    }

    @Test
    void aRecordTheBatchGaveUpOnCountsWhenItReachedTheOnFailureQueue() {
        Accounting a = balanced().eventDataItems(94).itemRecords(94).consumerOnFailure(1).build();

        assertThat(a.closes()).isTrue();
    }

    @Test
    void producerFailuresNeverClose() {
        Accounting lost = balanced().producerSent(90).producerFailed(10).userRecords(98).distinctRecords(98)
                .eventDataItems(85).itemRecords(85).s3OkRows(85).build();
        Accounting timedOut = balanced().producerSent(90).producerFailed(10).build();

        assertThat(lost.problems()).singleElement().asString().contains("10 tweets as not acknowledged");
        assertThat(timedOut.problems()).singleElement().asString().contains("10 of them are on the stream all the same");
    }

    @Test
    void percentilesAreNearestRank() {
        Percentiles p = Percentiles.of(List.of(5L, 1L, 4L, 2L, 3L, 100L, 6L, 7L, 8L, 9L));

        assertThat(p.p50()).isEqualTo(5);
        assertThat(p.p99()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(10);
        assertThat(Percentiles.of(List.of()).p99()).isZero();
    }
}
