package dev.streamproc.local.console;

import java.nio.charset.StandardCharsets;

/**
 * A non-JSON answer of the API (a download). Handlers return any other object to have it sent as JSON.
 *
 * @param fileName when set, the browser saves the body under this name instead of showing it
 */
public record ApiResponse(String contentType, byte[] body, String fileName) {

    public static ApiResponse csv(String text, String fileName) {
        return new ApiResponse("text/csv; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), fileName);
    }
}
