package dev.streamproc.model.kpl;

/** A record starts with the KPL magic but is not a valid aggregate (bad checksum, truncated, bad index...). */
public class CorruptAggregateException extends RuntimeException {

    public CorruptAggregateException(String message) {
        super(message);
    }
}
