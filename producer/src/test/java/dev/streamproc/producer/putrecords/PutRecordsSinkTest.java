package dev.streamproc.producer.putrecords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.producer.RecordSink.SendOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * The retry rules of the PutRecords producer, with scripted answers in the shape the Kinesis API
 * reference gives for PutRecords (per-entry ErrorCode / ErrorMessage in a partial response). The real
 * path against kinesis-local is in PutRecordsEndToEndTest.
 */
@Timeout(30)
class PutRecordsSinkTest {

    /** Answers each call with {@code script}; records every call's partition keys. */
    static final class ScriptedKinesis implements KinesisClient {
        final List<List<String>> calls = new CopyOnWriteArrayList<>();
        final Function<List<PutRecordsRequestEntry>, PutRecordsResponse> script;

        ScriptedKinesis(Function<List<PutRecordsRequestEntry>, PutRecordsResponse> script) {
            this.script = script;
        }

        @Override
        public PutRecordsResponse putRecords(Consumer<PutRecordsRequest.Builder> request) {
            PutRecordsRequest r = PutRecordsRequest.builder().applyMutation(request).build();
            calls.add(r.records().stream().map(PutRecordsRequestEntry::partitionKey).toList());
            return script.apply(r.records());
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {
        }
    }

    private static PutRecordsSink sink(KinesisClient kinesis) {
        return new PutRecordsSink(kinesis, "s", 1, Duration.ofSeconds(1), Duration.ofSeconds(60),
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), () -> 1.0));
    }

    private static List<CompletableFuture<SendOutcome>> send(PutRecordsSink sink, int n) {
        List<CompletableFuture<SendOutcome>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sink.send("k" + i, ("{\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        sink.flush();
        return out;
    }

    @Test
    void onlyTheEntriesAPartialResponseReportsFailedAreSentAgain() {
        int[] call = {0};
        ScriptedKinesis kinesis = new ScriptedKinesis(entries -> {
            boolean first = call[0]++ == 0;
            List<PutRecordsResultEntry> results = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                boolean throttled = first && i % 2 == 1;
                results.add(throttled
                        ? PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException")
                        .errorMessage("Rate exceeded for shard shardId-000000000000").build()
                        : PutRecordsResultEntry.builder().shardId("shardId-000000000000").sequenceNumber("1").build());
            }
            return PutRecordsResponse.builder().failedRecordCount(first ? entries.size() / 2 : 0).records(results).build();
        });
        PutRecordsSink sink = sink(kinesis);

        List<SendOutcome> outcomes = send(sink, 4).stream().map(CompletableFuture::join).toList();

        assertThat(kinesis.calls).containsExactly(List.of("k0", "k1", "k2", "k3"), List.of("k1", "k3"));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.ok()).isTrue());
        assertThat(outcomes).extracting(SendOutcome::attempts).containsExactly(1, 2, 1, 2);
        sink.close();
    }

    @Test
    void aCallWithoutAnAnswerIsNeverResentByTheSinkNorMarkedResendable() {
        ScriptedKinesis kinesis = new ScriptedKinesis(entries -> {
            throw SdkClientException.create("Read timed out");
        });
        PutRecordsSink sink = sink(kinesis);

        List<SendOutcome> outcomes = send(sink, 3).stream().map(CompletableFuture::join).toList();

        assertThat(kinesis.calls).hasSize(1);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.ok()).isFalse();
            assertThat(o.resendable()).isFalse();
            assertThat(o.ambiguousAttempts()).isEqualTo(1);
            assertThat(o.error()).contains("may have been stored");
        });
        sink.close();
    }

    @Test
    void anEntryFailingEveryTimeEndsAfterTheLastAttemptWithItsError() {
        ScriptedKinesis kinesis = new ScriptedKinesis(entries -> PutRecordsResponse.builder().failedRecordCount(1)
                .records(PutRecordsResultEntry.builder().errorCode("InternalFailure").errorMessage("try later").build())
                .build());
        PutRecordsSink sink = sink(kinesis);

        SendOutcome outcome = send(sink, 1).get(0).join();

        assertThat(kinesis.calls).hasSize(PutRecordsSink.MAX_ATTEMPTS);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo("InternalFailure: try later (6 attempts)");
        sink.close();
    }

    @Test
    void callsHoldAtMost500RecordsAndFiveMebibytes() {
        ScriptedKinesis kinesis = new ScriptedKinesis(entries -> PutRecordsResponse.builder().failedRecordCount(0)
                .records(entries.stream().map(e -> PutRecordsResultEntry.builder().shardId("shardId-0").build()).toList())
                .build());
        PutRecordsSink sink = sink(kinesis);
        send(sink, 1_001).forEach(CompletableFuture::join);
        byte[] big = new byte[1_000_000];
        List<CompletableFuture<SendOutcome>> bigOnes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bigOnes.add(sink.send("b" + i, big));
        }
        sink.flush();
        bigOnes.forEach(CompletableFuture::join);

        assertThat(kinesis.calls).extracting(List::size).containsExactly(500, 500, 1, 5, 1);
        sink.close();
    }
}
