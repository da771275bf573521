package dev.streamproc.lambdakit;

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
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Puts items with BatchWriteItem, 25 a call, calls in parallel on a small bounded executor.
 * {@code UnprocessedItems} and transient errors (throttling, 5xx, I/O) are retried with
 * exponential backoff and full jitter until the deadline; whatever is left is reported back
 * by key, so the caller can name the stream records to redeliver. A call DynamoDB refuses for
 * what an item holds (a ValidationException) is split into calls of one item each, so the
 * offender is refused alone and the call's other items are still written.
 *
 * @param <K> the table's primary key, read back from an item by {@code keyOf}
 */
public final class BatchWriter<K> {

    /** BatchWriteItem's limit. */
    public static final int MAX_ITEMS_PER_CALL = 25;

    private static final long AWAIT_GRACE_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final ExecutorService executor;
    private final Backoff backoff;
    private final Function<Map<String, AttributeValue>, K> keyOf;

    public BatchWriter(DynamoDbClient dynamo, String tableName, ExecutorService executor, Backoff backoff,
            Function<Map<String, AttributeValue>, K> keyOf) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.executor = executor;
        this.backoff = backoff;
        this.keyOf = keyOf;
    }

    /** Writes the items (at most one per key), trying until the deadline. */
    public WriteOutcome<K> write(Iterable<Map<String, AttributeValue>> items, Deadline deadline) {
        List<WriteRequest> requests = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        if (requests.isEmpty()) {
            return WriteOutcome.nothingToWrite();
        }
        List<List<WriteRequest>> chunks = Chunks.of(requests, MAX_ITEMS_PER_CALL);
        List<Future<WriteOutcome<K>>> running = new ArrayList<>(chunks.size());
        Map<String, String> logContext = MDC.getCopyOfContextMap(); // request id etc. for the writers' log lines
        for (List<WriteRequest> chunk : chunks) {
            running.add(executor.submit(() -> withLogContext(logContext, () -> writeChunk(chunk, deadline))));
        }

        WriteOutcome<K> total = WriteOutcome.nothingToWrite();
        for (int i = 0; i < chunks.size(); i++) {
            total = plus(total, await(running.get(i), chunks.get(i), deadline));
        }
        return total;
    }

    private WriteOutcome<K> await(Future<WriteOutcome<K>> future, List<WriteRequest> chunk, Deadline deadline) {
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
        return new WriteOutcome<>(0, keysOf(chunk), 0);
    }

    private WriteOutcome<K> writeChunk(List<WriteRequest> chunk, Deadline deadline) {
        List<WriteRequest> pending = chunk;
        int written = 0;
        int retries = 0;
        while (true) {
            if (deadline.expired()) {
                return new WriteOutcome<>(written, keysOf(pending), retries);
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
                    return new WriteOutcome<>(written, Set.of(), retries);
                }
                pending = unprocessed;
                retryCause = unprocessed.size() + " UnprocessedItems";
            } catch (SdkException e) {
                if (isValidation(e)) {
                    WriteOutcome<K> isolated = refusedCall(pending, (AwsServiceException) e, deadline);
                    return plus(new WriteOutcome<>(written, Set.of(), retries), isolated);
                }
                if (!isTransient(e)) {
                    LOG.error("BatchWriteItem failed permanently for {} items", pending.size(), e);
                    return new WriteOutcome<>(written, keysOf(pending), retries);
                }
                retryCause = e.getClass().getSimpleName();
            }
            Duration wait = backoff.delay(retries + 1);
            if (wait.compareTo(deadline.remaining()) >= 0) {
                LOG.warn("giving up on {} items after {} retries ({}): out of invocation time",
                        pending.size(), retries, retryCause);
                return new WriteOutcome<>(written, keysOf(pending), retries);
            }
            if (!sleep(wait)) {
                return new WriteOutcome<>(written, keysOf(pending), retries);
            }
            retries++;
        }
    }

    /**
     * DynamoDB refused the call because of what some item holds, and says not which: one bad item must not take the
     * call's other items down, so each is written in a call of its own, and an item refused alone is reported as
     * refused (retrying it would fail the same way).
     */
    private WriteOutcome<K> refusedCall(List<WriteRequest> pending, AwsServiceException refusal, Deadline deadline) {
        if (pending.size() == 1) {
            K key = keyOf.apply(pending.get(0).putRequest().item());
            String reason = "refused by DynamoDB: " + refusal.awsErrorDetails().errorMessage();
            LOG.warn("item refused by DynamoDB, not retried: {}", reason);
            return new WriteOutcome<>(0, Set.of(), 0, Map.of(key, reason));
        }
        LOG.warn("BatchWriteItem of {} items refused ({}); writing them one by one to isolate the offender",
                pending.size(), refusal.awsErrorDetails().errorMessage());
        WriteOutcome<K> total = WriteOutcome.nothingToWrite();
        for (WriteRequest request : pending) {
            total = plus(total, writeChunk(List.of(request), deadline));
        }
        return total;
    }

    /** A request DynamoDB will never accept as sent (an item's key or size), unlike throttling or a missing table. */
    public static boolean isValidation(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && "ValidationException".equals(service.awsErrorDetails().errorCode());
    }

    /** Throttling, server errors and I/O problems may pass; validation or missing tables will not. */
    public static boolean isTransient(SdkException e) {
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

    private static <K> WriteOutcome<K> plus(WriteOutcome<K> a, WriteOutcome<K> b) {
        Set<K> unwritten = new LinkedHashSet<>(a.unwritten());
        unwritten.addAll(b.unwritten());
        Map<K, String> refused = new LinkedHashMap<>(a.refused());
        refused.putAll(b.refused());
        return new WriteOutcome<>(a.itemsWritten() + b.itemsWritten(), unwritten, a.retries() + b.retries(), refused);
    }

    private Set<K> keysOf(List<WriteRequest> requests) {
        Set<K> keys = new LinkedHashSet<>();
        for (WriteRequest request : requests) {
            keys.add(keyOf.apply(request.putRequest().item()));
        }
        return keys;
    }
}
