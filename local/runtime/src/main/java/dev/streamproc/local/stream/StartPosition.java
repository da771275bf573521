package dev.streamproc.local.stream;

import java.time.Instant;

/** Where a shard reader starts: a configured starting position, or just after a checkpoint. */
public record StartPosition(Type type, Instant timestamp, String sequenceNumber) {

    public enum Type { TRIM_HORIZON, LATEST, AT_TIMESTAMP, AFTER_SEQUENCE_NUMBER }

    public static StartPosition trimHorizon() {
        return new StartPosition(Type.TRIM_HORIZON, null, null);
    }

    public static StartPosition latest() {
        return new StartPosition(Type.LATEST, null, null);
    }

    public static StartPosition atTimestamp(Instant timestamp) {
        return new StartPosition(Type.AT_TIMESTAMP, timestamp, null);
    }

    public static StartPosition afterSequenceNumber(String sequenceNumber) {
        return new StartPosition(Type.AFTER_SEQUENCE_NUMBER, null, sequenceNumber);
    }
}
