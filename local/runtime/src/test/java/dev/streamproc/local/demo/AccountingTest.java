package dev.streamproc.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountingTest {

    // producerSent, producerFailed, injected, kinesisRecords, userRecords, distinct, items, itemRecords, skipped, rejected,
    // onFailure, okRows, dropped, failed
    @Test
    void closesWhenEveryRecordIsSomewhereOnBothPaths() {
        Accounting a = new Accounting(100, 0, 8, 10, 108, 108, 95, 95, 8, 5, 0, 95, 8, 5);

        assertThat(a.closes()).isTrue();
        assertThat(a.duplicates()).isZero();
    }

    @Test
    void aDuplicateFromAProducerRetryIsOneMoreRecordOnBothPaths() {
        // 2 tweets put twice: the items stay 95, the records behind them are 97; Firehose archives 97 rows.
        Accounting a = new Accounting(100, 0, 8, 10, 110, 108, 95, 97, 8, 5, 0, 97, 8, 5);

        assertThat(a.problems()).isEmpty();
        assertThat(a.duplicates()).isEqualTo(2);
    }

    @Test
    void aRecordMissingFromEitherPathIsReported() {
        Accounting a = new Accounting(100, 0, 8, 10, 108, 108, 94, 94, 8, 5, 0, 95, 8, 4);

        assertThat(a.problems()).containsExactly("consumer side: 107 of 108 records accounted for",
                "archive side: 107 of 108 records accounted for");
    }

    @Test
    void aRecordTheBatchGaveUpOnCountsWhenItReachedTheOnFailureQueue() {
        Accounting a = new Accounting(100, 0, 8, 10, 108, 108, 94, 94, 8, 5, 1, 95, 8, 5);

        assertThat(a.closes()).isTrue();
    }

    @Test
    void producerFailuresNeverClose() {
        Accounting lost = new Accounting(90, 10, 8, 10, 98, 98, 85, 85, 8, 5, 0, 85, 8, 5);
        Accounting timedOut = new Accounting(90, 10, 8, 10, 108, 108, 95, 95, 8, 5, 0, 95, 8, 5);

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
