package dev.streamproc.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerLogTest {

    @TempDir
    Path dir;

    @Test
    void countsRejectedRecordsOnceAndSumsTheBatchLines() throws Exception {
        Path log = Files.writeString(dir.resolve("ConsumerFunction.log"), """
                START RequestId: 1 Version: $LATEST
                {"level":"WARN","message":"user record rejected","shardId":"s-0","sequenceNumber":"10","subSequenceNumber":0,"reason":"bad JSON"}
                {"level":"INFO","message":"batch processed","records":3,"userRecords":40,"itemsWritten":36,"skipped":3,"rejected":1}
                END RequestId: 1
                {"level":"WARN","message":"user record rejected","shardId":"s-0","sequenceNumber":"10","subSequenceNumber":0,"reason":"bad JSON"}
                {"level":"WARN","message":"user record rejected","shardId":"s-0","sequenceNumber":"12","subSequenceNumber":4,"reason":"no id"}
                {"level":"INFO","message":"batch processed","records":2,"userRecords":5,"itemsWritten":2,"skipped":1,"rejected":2}
                not json {
                """);

        ConsumerLog.Counts counts = ConsumerLog.read(log);

        assertThat(counts.rejected()).isEqualTo(2);
        assertThat(counts.rejectedRecords()).containsExactlyInAnyOrder("s-0/10/0", "s-0/12/4");
        assertThat(counts.skipped()).isEqualTo(4);
        assertThat(counts.itemsWritten()).isEqualTo(38);
        assertThat(counts.invocations()).isEqualTo(2);
    }

    @Test
    void noLogMeansNothingLogged() {
        assertThat(ConsumerLog.read(dir.resolve("missing.log")).invocations()).isZero();
    }

    @Test
    void anOnFailureMessageGivesTheBatchRange() {
        OnFailureQueue.FailedBatch batch = OnFailureQueue.parse("""
                {"requestContext":{"requestId":"r","functionArn":"arn:f","condition":"RetryAttemptsExhausted","approximateInvokeCount":6},
                 "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
                 "version":"1.0","timestamp":"2026-11-23T02:00:00Z",
                 "KinesisBatchInfo":{"shardId":"shardId-000000000000","startSequenceNumber":"5","endSequenceNumber":"9",
                   "approximateArrivalOfFirstRecord":"x","approximateArrivalOfLastRecord":"y","batchSize":3,"streamArn":"arn:s"}}""");

        assertThat(batch.shardId()).isEqualTo("shardId-000000000000");
        assertThat(batch.startSequenceNumber()).isEqualTo("5");
        assertThat(batch.endSequenceNumber()).isEqualTo("9");
        assertThat(batch.batchSize()).isEqualTo(3);
        assertThat(batch.condition()).isEqualTo("RetryAttemptsExhausted");
    }
}
