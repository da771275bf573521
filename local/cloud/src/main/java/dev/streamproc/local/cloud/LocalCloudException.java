package dev.streamproc.local.cloud;

/** A local-cloud failure the user can act on: the message is one line saying what went wrong and what to do. */
public class LocalCloudException extends RuntimeException {

    public LocalCloudException(String message) {
        super(message);
    }

    public LocalCloudException(String message, Throwable cause) {
        super(message, cause);
    }
}
