package dev.streamproc.local.console;

/** A request the API answers with an HTTP error status and a message (shown to the user as text). */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }
}
