package dev.streamproc.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough HTTP/1.1 for the Runtime API: requests with a Content-Length or chunked body (and
 * {@code Expect: 100-continue}), keep-alive, and responses written in one piece.
 */
final class HttpMessages {

    private static final int MAX_HEADER_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 100;
    static final int MAX_BODY = 64 * 1024 * 1024;

    /** A request the server cannot take, with the status and reason to answer before closing the connection. */
    static final class BadRequest extends IOException {
        final int status;

        BadRequest(int status, String reason) {
            super(reason);
            this.status = status;
        }

        Response response() {
            String reason = switch (status) {
                case 408 -> "Request Timeout";
                case 413 -> "Payload Too Large";
                case 431 -> "Request Header Fields Too Large";
                default -> "Bad Request";
            };
            return new Response(status, reason).header("Content-Type", "application/json").header("Connection", "close")
                    .body(("{\"errorMessage\":\"" + getMessage().replace("\\", "\\\\").replace("\"", "\\\"")
                            + "\",\"errorType\":\"InvalidRequest\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sets the socket's read timeout (0 = wait for ever). */
    interface ReadTimeout {
        void set(int millis) throws IOException;
    }

    private HttpMessages() {
    }

    record Request(String method, String path, Map<String, String> headers, byte[] body) {

        /** A header by case-insensitive name, or null. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean closeAfter() {
            return "close".equalsIgnoreCase(header("Connection"));
        }
    }

    static final class Response {
        private final StringBuilder head;
        private byte[] body = new byte[0];

        Response(int status, String reason) {
            head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        }

        Response header(String name, String value) {
            head.append(name).append(": ").append(value).append("\r\n");
            return this;
        }

        Response body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        byte[] bytes() {
            byte[] headers = (head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[headers.length + body.length];
            System.arraycopy(headers, 0, all, 0, headers.length);
            System.arraycopy(body, 0, all, headers.length, body.length);
            return all;
        }
    }

    /**
     * Reads requests from one connection. Between requests a connection may stay idle for as long as the client
     * likes (the runtime keeps it open while its function runs); once a request has begun, all of it must arrive
     * within {@code requestTime}, so a half-sent request holds its thread for a bounded time only.
     */
    static final class Reader {
        private final InputStream in;
        private final OutputStream out;
        private final ReadTimeout readTimeout;
        private final long requestNanos;
        private long deadline;

        Reader(InputStream in, OutputStream out) {
            this(in, out, millis -> { }, java.time.Duration.ofDays(1));
        }

        Reader(InputStream in, OutputStream out, ReadTimeout readTimeout, java.time.Duration requestTime) {
            this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in);
            this.out = out;
            this.readTimeout = readTimeout;
            this.requestNanos = requestTime.toNanos();
        }

        /**
         * The next request, or null when the client closed the connection between requests.
         *
         * @throws BadRequest for a request that breaks HTTP/1.1 or these limits, or that took too long to arrive
         */
        Request next() throws IOException {
            readTimeout.set(0);
            in.mark(1);
            if (in.read() < 0) {
                return null;
            }
            in.reset();
            deadline = System.nanoTime() + requestNanos;
            readTimeout.set((int) Math.max(1, Math.min(Integer.MAX_VALUE, requestNanos / 1_000_000)));
            try {
                return request();
            } catch (java.net.SocketTimeoutException e) {
                throw new BadRequest(408, "request not completed in time");
            }
        }

        private Request request() throws IOException {
            String requestLine = line(true);
            if (requestLine == null) {
                return null;
            }
            while (requestLine.isEmpty()) { // tolerate a stray CRLF between requests
                requestLine = line(true);
                if (requestLine == null) {
                    return null;
                }
            }
            String[] parts = requestLine.split(" ", -1);
            if (parts.length != 3 || parts[0].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
                throw new BadRequest(400, "malformed request line");
            }
            if (!parts[1].startsWith("/")) {
                throw new BadRequest(400, "malformed request target: the path must start with /");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                if (headers.size() >= MAX_HEADERS) {
                    throw new BadRequest(431, "more than " + MAX_HEADERS + " headers");
                }
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new BadRequest(400, "malformed header line");
                }
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked();
            } else if (headers.containsKey("content-length")) {
                body = exactly(contentLength(headers.get("content-length")));
            } else {
                body = new byte[0];
            }
            String path = parts[1];
            int query = path.indexOf('?');
            return new Request(parts[0], query >= 0 ? path.substring(0, query) : path, headers, body);
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(false);
                int semicolon = sizeLine.indexOf(';');
                int size = chunkSize((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim());
                if (size == 0) {
                    while (!line(false).isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                if (body.size() + size > MAX_BODY) {
                    throw new BadRequest(413, "request body over " + MAX_BODY + " bytes");
                }
                body.write(exactly(size));
                if (!line(false).isEmpty()) {
                    throw new BadRequest(400, "chunk data longer than its size");
                }
            }
        }

        /** Digits only, at most {@link #MAX_BODY}: no sign, no spaces inside, no hex, no overflow. */
        private static int contentLength(String value) throws BadRequest {
            if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new BadRequest(400, "malformed Content-Length");
            }
            long length = Long.parseLong(value);
            if (length > MAX_BODY) {
                throw new BadRequest(413, "Content-Length over " + MAX_BODY + " bytes");
            }
            return (int) length;
        }

        private static int chunkSize(String hex) throws BadRequest {
            if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new BadRequest(400, "malformed chunk size");
            }
            long size = Long.parseLong(hex, 16);
            if (size > MAX_BODY) {
                throw new BadRequest(413, "chunk over " + MAX_BODY + " bytes");
            }
            return (int) size;
        }

        /** Read in pieces, so the request's deadline is checked between them. */
        private byte[] exactly(int length) throws IOException {
            byte[] bytes = new byte[length];
            int filled = 0;
            while (filled < length) {
                checkDeadline();
                int read = in.read(bytes, filled, Math.min(length - filled, 64 * 1024));
                if (read < 0) {
                    throw new EOFException("body ended after " + filled + " of " + length + " bytes");
                }
                filled += read;
            }
            return bytes;
        }

        private void checkDeadline() throws BadRequest {
            if (deadline != 0 && System.nanoTime() - deadline > 0) {
                throw new BadRequest(408, "request not completed in time");
            }
        }

        /** A CRLF-terminated line; null at end of stream when {@code endAllowed}. */
        private String line(boolean endAllowed) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (endAllowed && line.size() == 0) {
                        return null;
                    }
                    throw new EOFException("connection closed mid-request");
                }
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                if (line.size() >= MAX_HEADER_LINE) {
                    throw new BadRequest(431, "header line too long");
                }
                checkDeadline();
                line.write(b);
            }
        }
    }
}
