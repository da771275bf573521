package dev.streamproc.producer.replay;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.TopicField;
import dev.streamproc.producer.source.SourceException;
import dev.streamproc.producer.source.SourceIssues;
import dev.streamproc.producer.source.SourceState;
import dev.streamproc.producer.source.TweetIds;
import dev.streamproc.producer.source.TweetSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Replays a capture file in order, gzip or plain, in any layout {@link JsonDocuments} recognises
 * by content: JSON lines, one pretty-printed document, concatenated documents, or a top-level
 * array (a timeline) whose elements are the documents. A document may be a v1.1 status, an X API v2 tweet (bare or
 * {@code {"data":{...},"includes":...}}), a stream notice such as {@code {"delete":...}}, a v1.1
 * search response {@code {"statuses":[...]}} or a v2 search page {@code {"data":[...],"includes":{"users":[...]}}}
 * (both expanded into their tweets; v2 tweets get their author attached as
 * {@code includes.users}). Each tweet is sent as it is in the file, plus {@code "topic"} when a
 * topic was given and the tweet has none.
 *
 * <p>Lines that are not JSON objects or carry no id are counted as rejected (with their line
 * number) and never sent. The position (tweets consumed) is kept in the state, so a scheduled
 * function replays the file once across invocations, {@code perBatch} tweets at a time.
 */
public final class ReplaySource implements TweetSource {

    /** Exact decimals, so coordinates and other floats are written back as they were read. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final int MAX_ERROR_LINES = 20;

    private final Path file;
    private final String topic;
    private final long perBatch;
    private long rejected;
    private final List<String> errors = new ArrayList<>();

    /**
     * @param topic    topic to add to tweets that have none (null: leave them without)
     * @param perBatch tweets per batch; {@code Long.MAX_VALUE} sends the rest of the file
     */
    public ReplaySource(Path file, String topic, long perBatch) {
        this.file = file;
        this.topic = topic;
        this.perBatch = perBatch;
    }

    @Override
    public String name() {
        return "replay";
    }

    String stateKey() {
        return "replay:" + file.getFileName() + ":next";
    }

    @Override
    public SourceIssues issues() {
        return new SourceIssues(rejected, false, errors);
    }

    @Override
    public Iterator<OutgoingTweet> nextBatch(SourceState state) {
        rejected = 0;
        errors.clear();
        long skip = state.getLong(stateKey(), 0);
        return new Batch(open(), skip, state);
    }

    private InputStream open() {
        if (!Files.isReadable(file)) {
            throw new SourceException("replay file " + file + " does not exist or is not readable");
        }
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return in;
        } catch (IOException e) {
            throw new SourceException("cannot open replay file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Walks the file's lines, expanding search responses, skipping what earlier batches sent. */
    private final class Batch implements Iterator<OutgoingTweet> {
        private final InputStream input;
        private final JsonDocuments documents;
        private final SourceState state;
        private final long skip;
        private final Deque<OutgoingTweet> ready = new ArrayDeque<>();
        private long position; // sendable items seen so far in the file
        private long emitted;
        private int line;
        private boolean ended;

        Batch(InputStream input, long skip, SourceState state) {
            this.input = input;
            this.documents = new JsonDocuments(JSON, input);
            this.skip = skip;
            this.state = state;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !ended && emitted < perBatch) {
                readLine();
            }
            return !ready.isEmpty() && emitted < perBatch;
        }

        @Override
        public OutgoingTweet next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            emitted++;
            OutgoingTweet t = ready.poll();
            state.put(stateKey(), Long.toString(skip + emitted));
            return t;
        }

        private void readLine() {
            JsonDocuments.Item item;
            try {
                item = documents.next();
            } catch (UncheckedIOException e) {
                close();
                throw new SourceException("cannot read replay file " + file + ": " + e.getCause().getMessage(), e);
            }
            if (item == null) {
                close();
                return;
            }
            line = item.line();
            if (item instanceof JsonDocuments.Rejected rejected) {
                reject(rejected.reason());
                return;
            }
            JsonDocuments.Document document = (JsonDocuments.Document) item;
            JsonNode doc = document.node();
            if (!doc.isObject()) {
                reject("not a JSON object");
                return;
            }
            List<JsonNode> items = expand(doc);
            if (items.size() == 1 && items.get(0) == doc && !contains(document.raw(), (byte) '\n')) {
                offer(doc, document.raw()); // a single tweet on one line: its bytes as in the file
            } else {
                for (JsonNode item2 : items) {
                    offer(item2, item2.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        private static boolean contains(byte[] bytes, byte b) {
            for (byte x : bytes) {
                if (x == b) {
                    return true;
                }
            }
            return false;
        }

        private void offer(JsonNode item, byte[] raw) {
            if (!item.isObject()) {
                reject("not a JSON object");
                return;
            }
            String id = TweetIds.of(item).orElse(null);
            if (id == null) {
                reject("no tweet id (id_str / id / data.id / delete.status.id_str)");
                return;
            }
            position++;
            if (position <= skip) {
                return;
            }
            boolean notice = item.has("delete") || item.has("limit") || item.has("scrub_geo")
                    || item.has("status_withheld") || item.has("user_withheld");
            String itemTopic = item.hasNonNull("topic") ? item.get("topic").asText() : notice ? null : topic;
            ready.add(new OutgoingTweet(itemTopic, id, notice ? raw : TopicField.add(raw, topic)));
        }

        private void reject(String why) {
            if (position < skip) {
                return; // counted by the batch that got this far first
            }
            rejected++;
            if (errors.size() < MAX_ERROR_LINES) {
                errors.add(file.getFileName() + " line " + line + ": " + why + " (skipped)");
            }
        }

        private void close() {
            ended = true;
            try {
                input.close();
            } catch (IOException ignored) {
                // read-only file; nothing to recover
            }
        }
    }

    /** A search response becomes its tweets; anything else is one item. */
    static List<JsonNode> expand(JsonNode doc) {
        List<JsonNode> items = new ArrayList<>();
        if (doc.path("statuses").isArray()) {
            doc.get("statuses").forEach(items::add);
        } else if (doc.path("data").isArray()) {
            ArrayNode users = doc.path("includes").path("users").isArray()
                    ? (ArrayNode) doc.get("includes").get("users") : JSON.createArrayNode();
            for (JsonNode tweet : doc.get("data")) {
                items.add(singleTweet(tweet, users));
            }
        } else {
            items.add(doc);
        }
        return items;
    }

    /** The v2 single-tweet shape {@code {"data":tweet,"includes":{"users":[author]}}}. */
    public static ObjectNode singleTweet(JsonNode tweet, JsonNode users) {
        ObjectNode single = JSON.createObjectNode();
        single.set("data", tweet);
        ArrayNode authors = JSON.createArrayNode();
        String authorId = tweet.path("author_id").asText(null);
        for (JsonNode user : users) {
            if (authorId != null && authorId.equals(user.path("id").asText())) {
                authors.add(user);
                break;
            }
        }
        if (!authors.isEmpty()) {
            single.putObject("includes").set("users", authors);
        }
        return single;
    }
}
