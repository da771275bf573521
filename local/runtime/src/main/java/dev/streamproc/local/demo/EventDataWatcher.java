package dev.streamproc.local.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Watches EventData the way a reader would: it scans the table again and again and notes when each item was
 * first seen. That is the item's visibility time, an upper bound off by at most one scan interval (the scan
 * pauses twice its own duration between passes, at least {@value #MIN_PAUSE_MILLIS} ms, so it costs the
 * pipeline at most a third of one core).
 */
public final class EventDataWatcher implements AutoCloseable {

    static final long MIN_PAUSE_MILLIS = 250;

    /** An item as first seen: its lineage attributes and when. */
    public record Sighting(String shardId, String sequenceNumber, Instant seenAt) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Map<String, Sighting> seen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Duration lastScan = Duration.ZERO;

    public EventDataWatcher(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.thread = new Thread(this::watch, "eventdata-watcher");
        this.thread.setDaemon(true);
    }

    public EventDataWatcher start() {
        thread.start();
        return this;
    }

    /** Items seen so far. */
    public long count() {
        return seen.size();
    }

    public Map<String, Sighting> sightings() {
        return Map.copyOf(seen);
    }

    public Duration lastScanDuration() {
        return lastScan;
    }

    /** One more full pass, now (after the pipeline drained, so the count is final). */
    public synchronized long scanOnce() {
        long begin = System.nanoTime();
        Map<String, AttributeValue> start = null;
        List<Map<String, AttributeValue>> page = new ArrayList<>();
        do {
            ScanResponse response = dynamoDb.scan(ScanRequest.builder().tableName(table)
                    .projectionExpression("#u, #i, #s, #q")
                    .expressionAttributeNames(Map.of("#u", "Username", "#i", "Id", "#s", "ShardId", "#q", "SequenceNumber"))
                    .exclusiveStartKey(start).build());
            page.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        Instant now = Instant.now();
        for (Map<String, AttributeValue> item : page) {
            seen.computeIfAbsent(text(item, "Username") + "/" + text(item, "Id"),
                    key -> new Sighting(text(item, "ShardId"), text(item, "SequenceNumber"), now));
        }
        lastScan = Duration.ofNanos(System.nanoTime() - begin);
        return page.size();
    }

    /** Every item's lineage, {@code shardId/sequenceNumber/subSequenceNumber} of the record that wrote it last (a full scan). */
    public List<String> lineage() {
        List<String> positions = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse response = dynamoDb.scan(ScanRequest.builder().tableName(table)
                    .projectionExpression("#s, #q, #n")
                    .expressionAttributeNames(Map.of("#s", "ShardId", "#q", "SequenceNumber", "#n", "SubSequenceNumber"))
                    .exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : response.items()) {
                AttributeValue sub = item.get("SubSequenceNumber");
                positions.add(text(item, "ShardId") + "/" + text(item, "SequenceNumber") + "/" + (sub == null ? "0" : sub.n()));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return positions;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private void watch() {
        while (running) {
            try {
                scanOnce();
                Thread.sleep(Math.max(MIN_PAUSE_MILLIS, 2 * lastScan.toMillis()));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                sleepQuietly(); // the table may not be reachable for a moment; the next pass catches up
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(MIN_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
