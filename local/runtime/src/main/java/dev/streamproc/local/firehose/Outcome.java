package dev.streamproc.local.firehose;

import java.time.Instant;

/** What became of one record in the processor: Ok with its new data, Dropped, or ProcessingFailed with AWS's error code. */
public record Outcome(FirehoseRecord record, Result result, byte[] data, String errorCode, String errorMessage, int attemptsMade,
                      Instant attemptEnding) {

    public enum Result { OK, DROPPED, PROCESSING_FAILED }

    static Outcome ok(FirehoseRecord record, byte[] data) {
        return new Outcome(record, Result.OK, data, null, null, 0, null);
    }

    static Outcome dropped(FirehoseRecord record) {
        return new Outcome(record, Result.DROPPED, null, null, null, 0, null);
    }

    static Outcome failed(FirehoseRecord record, String code, String message, int attempts, Instant ending) {
        return new Outcome(record, Result.PROCESSING_FAILED, null, code, message, attempts, ending);
    }
}
