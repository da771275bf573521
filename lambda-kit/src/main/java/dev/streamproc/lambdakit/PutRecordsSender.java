package dev.streamproc.lambdakit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * The examples' CLIs put records with PutRecords (at most 500 a call); entries Kinesis refuses
 * (throttled) are sent again with backoff a few times, and the count of those never accepted is
 * returned. Needs {@code software.amazon.awssdk:kinesis}, an optional dependency of this module
 * that only the CLIs declare (their Lambda jars leave it out).
 */
public final class PutRecordsSender {

    static final int MAX_RECORDS_PER_CALL = 500;
    static final int MAX_ATTEMPTS = 5;

    private final KinesisClient kinesis;
    private final String streamName;
    private final Backoff backoff;

    public PutRecordsSender(KinesisClient kinesis, String streamName, Backoff backoff) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.backoff = backoff;
    }

    /** Sends every entry; returns how many could not be put. */
    public int send(List<PutRecordsRequestEntry> entries) {
        int failed = 0;
        for (int from = 0; from < entries.size(); from += MAX_RECORDS_PER_CALL) {
            failed += sendCall(entries.subList(from, Math.min(entries.size(), from + MAX_RECORDS_PER_CALL)));
        }
        return failed;
    }

    private int sendCall(List<PutRecordsRequestEntry> entries) {
        List<PutRecordsRequestEntry> pending = entries;
        for (int attempt = 1; ; attempt++) {
            try {
                List<PutRecordsRequestEntry> toSend = pending;
                PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(streamName).records(toSend));
                if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
                    return 0;
                }
                List<PutRecordsRequestEntry> refused = new ArrayList<>();
                List<PutRecordsResultEntry> results = response.records();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).errorCode() != null) {
                        refused.add(pending.get(i));
                    }
                }
                pending = refused;
            } catch (SdkException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    System.err.println("PutRecords failed: " + e.getMessage());
                    return pending.size();
                }
            }
            if (attempt >= MAX_ATTEMPTS) {
                return pending.size();
            }
            sleep(backoff.delay(attempt));
        }
    }

    public static PutRecordsRequestEntry entry(String partitionKey, byte[] data) {
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey).data(SdkBytes.fromByteArray(data)).build();
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
