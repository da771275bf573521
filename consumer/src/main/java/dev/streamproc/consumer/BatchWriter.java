package dev.streamproc.consumer;

import dev.streamproc.lambdakit.Backoff;
import dev.streamproc.lambdakit.Chunks;
import dev.streamproc.lambdakit.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes items with BatchWriteItem, 25 a call, calls in parallel on a small bounded executor.
 * {@code UnprocessedItems} and transient errors (throttling, 5xx, I/O) are retried with
 * exponential backoff and full jitter until the deadline; whatever is left is reported back.
 */
public final class BatchWriter implements ItemSink {

    /** BatchWriteItem's limit. */
    static final int MAX_ITEMS_PER_CALL = 25;

    private static final long AWAIT_GRACE_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final ExecutorService executor;
    private final Backoff backoff;

    public BatchWriter(DynamoDbClient dynamo, String tableName, ExecutorService executor, Backoff backoff) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.executor = executor;
        this.backoff = backoff;
    }

    @Override
    public WriteOutcome write(Map<ItemKey, Map<String, Object>> items, Deadline deadline) {
        List<WriteRequest> requests = new ArrayList<>(items.size());
        for (Map<String, Object> attributes : items.values()) {
            requests.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(AttributeValues.of(attributes)).build())
                    .build());
        }
        List<List<WriteRequest>> chunks = Chunks.of(requests, MAX_ITEMS_PER_CALL);
        List<Future<ChunkOutcome>> running = new ArrayList<>(chunks.size());
        Map<String, String> logContext = MDC.getCopyOfContextMap(); // request id etc. for the writers' log lines
        for (List<WriteRequest> chunk : chunks) {
            running.add(executor.submit(() -> withLogContext(logContext, () -> writeChunk(chunk, deadline))));
        }

        ChunkOutcome total = ChunkOutcome.NONE;
        for (int i = 0; i < chunks.size(); i++) {
            total = total.plus(await(running.get(i), chunks.get(i), deadline));
        }
        return new WriteOutcome(total.written(), total.unwritten(), total.retries(), total.refused());
    }

    private ChunkOutcome await(Future<ChunkOutcome> future, List<WriteRequest> chunk, Deadline deadline) {
        try {
            // Calls are bounded by the deadline themselves; the grace only covers their unwinding.
            return future.get(deadline.remaining().toMillis() + AWAIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("BatchWriteItem call still running at the deadline; reporting its items as unwritten");
        } catch (ExecutionException e) {
            LOG.error("BatchWriteItem chunk failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ChunkOutcome(0, keysOf(chunk), 0);
    }

    private ChunkOutcome writeChunk(List<WriteRequest> chunk, Deadline deadline) {
        List<WriteRequest> pending = chunk;
        int written = 0;
        int retries = 0;
        while (true) {
            if (deadline.expired()) {
                return new ChunkOutcome(written, keysOf(pending), retries);
            }
            String retryCause;
            try {
                List<WriteRequest> toSend = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(request -> request
                        .requestItems(Map.of(tableName, toSend))
                        .overrideConfiguration(call -> call.apiCallTimeout(atLeastOneMilli(deadline.remaining()))));
                List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(tableName, List.of());
                written += pending.size() - unprocessed.size();
                if (unprocessed.isEmpty()) {
                    return new ChunkOutcome(written, Set.of(), retries);
                }
                pending = unprocessed;
                retryCause = unprocessed.size() + " UnprocessedItems";
            } catch (SdkException e) {
                if (isValidation(e)) {
                    return refusedCall(pending, (AwsServiceException) e, deadline).plus(written, retries);
                }
                if (!isTransient(e)) {
                    LOG.error("BatchWriteItem failed permanently for {} items", pending.size(), e);
                    return new ChunkOutcome(written, keysOf(pending), retries);
                }
                retryCause = e.getClass().getSimpleName();
            }
            Duration wait = backoff.delay(retries + 1);
            if (wait.compareTo(deadline.remaining()) >= 0) {
                LOG.warn("giving up on {} items after {} retries ({}): out of invocation time",
                        pending.size(), retries, retryCause);
                return new ChunkOutcome(written, keysOf(pending), retries);
            }
            if (!sleep(wait)) {
                return new ChunkOutcome(written, keysOf(pending), retries);
            }
            retries++;
        }
    }

    /**
     * DynamoDB refused the call because of what some item holds, and says not which: one bad item must not take the
     * call's other items down, so each is written in a call of its own, and an item refused alone is reported as
     * refused (retrying it would fail the same way).
     */
    private ChunkOutcome refusedCall(List<WriteRequest> pending, AwsServiceException refusal, Deadline deadline) {
        if (pending.size() == 1) {
            ItemKey key = ItemKey.of(pending.get(0).putRequest().item());
            String reason = "refused by DynamoDB: " + refusal.awsErrorDetails().errorMessage();
            LOG.warn("item refused by DynamoDB, not retried: {}", reason);
            return new ChunkOutcome(0, Set.of(), 0, Map.of(key, reason));
        }
        LOG.warn("BatchWriteItem of {} items refused ({}); writing them one by one to isolate the offender",
                pending.size(), refusal.awsErrorDetails().errorMessage());
        ChunkOutcome total = ChunkOutcome.NONE;
        for (WriteRequest request : pending) {
            total = total.plus(writeChunk(List.of(request), deadline));
        }
        return total;
    }

    /** A request DynamoDB will never accept as sent (an item's key or size), unlike throttling or a missing table. */
    static boolean isValidation(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "ValidationException".equals(service.awsErrorDetails().errorCode());
    }

    /** Throttling, server errors and I/O problems may pass; validation or missing tables will not. */
    static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    private static <T> T withLogContext(Map<String, String> context, Supplier<T> task) {
        if (context != null) {
            MDC.setContextMap(context);
        }
        try {
            return task.get();
        } finally {
            MDC.clear();
        }
    }

    private static Duration atLeastOneMilli(Duration duration) {
        return duration.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : duration;
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Set<ItemKey> keysOf(List<WriteRequest> requests) {
        Set<ItemKey> keys = new LinkedHashSet<>();
        for (WriteRequest request : requests) {
            keys.add(ItemKey.of(request.putRequest().item()));
        }
        return keys;
    }

    private record ChunkOutcome(int written, Set<ItemKey> unwritten, int retries, Map<ItemKey, String> refused) {

        static final ChunkOutcome NONE = new ChunkOutcome(0, Set.of(), 0, Map.of());

        ChunkOutcome(int written, Set<ItemKey> unwritten, int retries) {
            this(written, unwritten, retries, Map.of());
        }

        ChunkOutcome plus(int moreWritten, int moreRetries) {
            return new ChunkOutcome(written + moreWritten, unwritten, retries + moreRetries, refused);
        }

        ChunkOutcome plus(ChunkOutcome other) {
            Set<ItemKey> allUnwritten = new LinkedHashSet<>(unwritten);
            allUnwritten.addAll(other.unwritten());
            Map<ItemKey, String> allRefused = new LinkedHashMap<>(refused);
            allRefused.putAll(other.refused());
            return new ChunkOutcome(written + other.written(), allUnwritten, retries + other.retries(), allRefused);
        }
    }
}
