package dev.streamproc.producer.source;

/** A source cannot run at all (bad credentials, unreadable file): one clear line for the log. */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
