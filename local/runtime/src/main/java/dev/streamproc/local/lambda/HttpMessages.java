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
    private static final int MAX_BODY = 64 * 1024 * 1024;

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

    /** Reads requests from one connection. */
    static final class Reader {
        private final InputStream in;
        private final OutputStream out;

        Reader(InputStream in, OutputStream out) {
            this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in);
            this.out = out;
        }

        /** The next request, or null when the client closed the connection between requests. */
        Request next() throws IOException {
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
            String[] parts = requestLine.split(" ");
            if (parts.length < 2) {
                throw new IOException("bad request line: " + requestLine);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
                }
            }
            if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked();
            } else if (headers.containsKey("content-length")) {
                body = exactly(Integer.parseInt(headers.get("content-length")));
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
                int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
                if (size == 0) {
                    while (!line(false).isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                if (body.size() + size > MAX_BODY) {
                    throw new IOException("request body over " + MAX_BODY + " bytes");
                }
                body.write(exactly(size));
                line(false); // CRLF after the chunk
            }
        }

        private byte[] exactly(int length) throws IOException {
            if (length < 0 || length > MAX_BODY) {
                throw new IOException("bad Content-Length " + length);
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new EOFException("body ended after " + bytes.length + " of " + length + " bytes");
            }
            return bytes;
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
                    throw new IOException("header line too long");
                }
                line.write(b);
            }
        }
    }
}
