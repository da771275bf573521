package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.stream.StreamRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchResponseTest {

    private final List<StreamRecord> batch = List.of(record("100"), record("200"), record("300"));

    private static StreamRecord record(String seq) {
        return new StreamRecord("shardId-000000000000", seq, "k", new byte[0], Instant.EPOCH);
    }

    private BatchResponse.Verdict judge(String json) {
        return BatchResponse.judge(json == null ? null : json.getBytes(StandardCharsets.UTF_8), batch);
    }

    @Test
    void noAnswerNullEmptyObjectAndEmptyListAllMeanTheWholeBatchSucceeded() {
        assertThat(judge(null).success()).isTrue();
        assertThat(judge("null").success()).isTrue();
        assertThat(judge("{}").success()).isTrue();
        assertThat(judge("{\"batchItemFailures\":[]}").success()).isTrue();
        assertThat(judge("{\"batchItemFailures\":null}").success()).isTrue();
    }

    @Test
    void theLowestReportedSequenceNumberIsWhereTheRetryStarts() {
        BatchResponse.Verdict verdict = judge("{\"batchItemFailures\":[{\"itemIdentifier\":\"300\"},{\"itemIdentifier\":\"200\"}]}");
        assertThat(verdict.success()).isFalse();
        assertThat(verdict.invalid()).isFalse();
        assertThat(verdict.firstFailedIndex()).isEqualTo(1);
    }

    @Test
    void aMalformedOrUnknownIdentifierFailsTheWholeBatch() {
        assertThat(judge("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}").invalid()).isTrue();
        assertThat(judge("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}").invalid()).isTrue();
        assertThat(judge("{\"batchItemFailures\":[{\"itemIdentifier\":200}]}").invalid()).isTrue();
        assertThat(judge("{\"batchItemFailures\":[{}]}").invalid()).isTrue();
        assertThat(judge("{\"batchItemFailures\":[{\"itemIdentifier\":\"999\"}]}").invalid()).isTrue();
        assertThat(judge("{\"batchItemFailures\":\"200\"}").invalid()).isTrue();
        assertThat(judge("not json").invalid()).isTrue();
    }
}
