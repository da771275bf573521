package dev.streamproc.producer.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The JSON documents of a capture, whatever its layout, recognised by content: JSON lines, one
 * pretty-printed document, documents concatenated with or without whitespace, or one top-level
 * array whose elements are the documents (a timeline). Each document comes with its exact bytes
 * and the line it starts on; anything unusable comes as a {@link Rejected} item with its line.
 *
 * <p>The input is fed line by line to Jackson's non-blocking parser, so a document may span lines
 * and memory holds one document at a time. After a syntax error the parser restarts: at the
 * error's line when the broken document began on an earlier line (a good document on the error's
 * line is not lost), else at the next line; inside a top-level array it restarts inside the array.
 */
final class JsonDocuments {

    sealed interface Item permits Document, Rejected {
        int line();
    }

    /** @param raw the document's bytes exactly as in the capture */
    record Document(JsonNode node, byte[] raw, int line) implements Item {
    }

    record Rejected(String reason, int line) implements Item {
    }

    private final ObjectMapper json;
    private final InputStream in;
    private final Deque<Item> ready = new ArrayDeque<>();
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    // The line being fed, and so the line of every token the parser returns: no JSON token spans a newline (strings
    // hold none raw), and the parser's own line numbers would also count a lone CR, which the file's lines do not.
    private int line;
    private byte[] currentLine;
    private final ByteArrayOutputStream window = new ByteArrayOutputStream();
    private long windowStart;      // parser offset of window's first byte
    private long fed;              // bytes fed to the current parser
    private int depth;
    private boolean inRootArray;
    private boolean skipRecoveryNull;
    private long docStart = -1;
    private int docLine;
    private boolean ended;

    JsonDocuments(ObjectMapper json, InputStream in) {
        this.json = json;
        this.in = in;
        restart(false);
    }

    /** The next item, or null at the end of the input. */
    Item next() {
        while (ready.isEmpty() && !ended) {
            byte[] bytes = readLine();
            if (bytes == null) {
                finish();
                ended = true;
            } else {
                line++;
                currentLine = bytes;
                feed(bytes, true);
            }
        }
        return ready.poll();
    }

    /** A new parser, fed from the next line on (or from the current line again, by the caller). */
    private void restart(boolean insideArray) {
        try {
            parser = json.getFactory().createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        window.reset();
        windowStart = 0;
        fed = 0;
        depth = 0;
        docStart = -1;
        inRootArray = false;
        skipRecoveryNull = false;
        if (insideArray) { // resume as an element list: "[" then the elements that follow
            feedRaw(new byte[] {'['});
            drain(false);
            skipRecoveryNull = true;
        }
    }

    private void feed(byte[] bytes, boolean mayRetry) {
        feedRaw(bytes);
        drain(mayRetry);
    }

    private void feedRaw(byte[] bytes) {
        try {
            feeder.feedInput(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        window.write(bytes, 0, bytes.length);
        fed += bytes.length;
    }

    private void drain(boolean mayRetry) {
        while (true) {
            JsonToken token;
            try {
                token = parser.nextToken();
            } catch (JsonProcessingException e) {
                recover(mayRetry);
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (token == null || token == JsonToken.NOT_AVAILABLE) {
                trimWindow();
                return;
            }
            onToken(token);
        }
    }

    private void onToken(JsonToken token) {
        boolean documentLevel = depth == (inRootArray ? 1 : 0);
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            if (depth == 0 && token == JsonToken.START_ARRAY && !inRootArray) {
                inRootArray = true; // a timeline: its elements are the documents
                depth = 1;
                return;
            }
            if (documentLevel) {
                docStart = parser.currentLocation().getByteOffset() - 1; // the parser stands just after the '{' or '['

                docLine = line;
            }
            depth++;
            skipRecoveryNull = false;
            return;
        }
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
            depth--;
            if (inRootArray && depth == 0) {
                inRootArray = false;
            } else if (depth == (inRootArray ? 1 : 0)) {
                complete(parser.currentLocation().getByteOffset());
            }
            return;
        }
        if (documentLevel && !(skipRecoveryNull && token == JsonToken.VALUE_NULL)) {
            ready.add(new Rejected("not a JSON object", line));
        }
        skipRecoveryNull = false;
    }

    private void complete(long end) {
        byte[] all = window.toByteArray();
        byte[] raw = Arrays.copyOfRange(all, (int) (docStart - windowStart), (int) (end - windowStart));
        int startLine = docLine;
        docStart = -1;
        try {
            ready.add(new Document(json.readTree(raw), raw, startLine));
        } catch (IOException e) { // cannot happen: the parser just accepted these bytes
            ready.add(new Rejected("invalid JSON", startLine));
        }
    }

    /** Between documents, forgets the bytes read so far (an open document keeps them: linear, one copy at its end). */
    private void trimWindow() {
        if (docStart < 0) {
            window.reset();
            windowStart = fed;
        }
    }

    private void recover(boolean mayRetry) {
        boolean array = inRootArray;
        if (docStart >= 0 && docLine < line && mayRetry) {
            ready.add(new Rejected("invalid JSON (document not complete)", docLine));
            restart(array);
            feed(currentLine, false); // the error's line may hold the next good document
        } else {
            ready.add(new Rejected("invalid JSON", line));
            restart(array);
        }
    }

    private void finish() {
        feeder.endOfInput();
        try {
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
                onToken(token);
            }
        } catch (IOException e) {
            // the end of input inside a document: reported below
        }
        if (docStart >= 0) {
            ready.add(new Rejected("invalid JSON (document not complete at the end of the file)", docLine));
        } else if (inRootArray) {
            ready.add(new Rejected("invalid JSON (top-level array not closed at the end of the file)", line));
        }
    }

    /** One line with its newline, or null at the end. */
    private byte[] readLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            int b;
            while ((b = in.read()) != -1) {
                out.write(b);
                if (b == '\n') {
                    break;
                }
            }
            if (b == -1 && out.size() == 0) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the replay file: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    static String text(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }
}
