package dev.streamproc.local.lambda;

import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One event handed to a container through {@code /next}, waiting for its response, error or the container's end. */
final class PendingInvocation {

    private final String requestId;
    private final byte[] event;
    private final long deadlineEpochMs;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();

    PendingInvocation(String requestId, byte[] event, long deadlineEpochMs) {
        this.requestId = requestId;
        this.event = event;
        this.deadlineEpochMs = deadlineEpochMs;
    }

    String requestId() {
        return requestId;
    }

    byte[] event() {
        return event;
    }

    long deadlineEpochMs() {
        return deadlineEpochMs;
    }

    CompletableFuture<InvocationResult> result() {
        return result;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    void succeed(byte[] payload) {
        result.complete(InvocationResult.success(payload, elapsed()));
    }

    void fail(String errorType, String errorMessage) {
        result.complete(InvocationResult.error(errorType, errorMessage, elapsed()));
    }
}
