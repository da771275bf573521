package dev.streamproc.local.lambda.api;

import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's queue of asynchronous invocations: each event runs soon after it is accepted, and an attempt that ends in
 * a function error is tried again as its function's {@link AsyncRetryPolicy} says (same request id, as Lambda keeps
 * it); an event out of attempts is discarded with one log line.
 */
final class AsyncInvocations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);

    private final LambdaInvoker invoker;
    private final ScheduledExecutorService queue = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "lambda-api-event");
        t.setDaemon(true);
        return t;
    });

    AsyncInvocations(LambdaInvoker invoker) {
        this.invoker = invoker;
    }

    void submit(String functionId, byte[] payload, String requestId, AsyncRetryPolicy policy) {
        long queuedAt = System.nanoTime();
        queue.execute(() -> attempt(functionId, payload, requestId, policy, queuedAt, 0));
    }

    private void attempt(String functionId, byte[] payload, String requestId, AsyncRetryPolicy policy, long queuedAt, int retriesDone) {
        InvocationResult result;
        try {
            result = invoker.invoke(functionId, payload, requestId);
        } catch (RuntimeException e) {
            result = InvocationResult.error("Runtime.InvokeFailed", e.toString(), Duration.ZERO);
        }
        if (result.succeeded()) {
            return;
        }
        Duration age = Duration.ofNanos(System.nanoTime() - queuedAt);
        if (policy.retries(retriesDone, age)) {
            Duration wait = policy.delayBefore(retriesDone + 1);
            LOG.info("{}: asynchronous invocation {} failed ({}), retry {} of {} in {} s", functionId, requestId, result.errorType(),
                    retriesDone + 1, policy.maximumRetryAttempts(), wait.toSeconds());
            queue.schedule(() -> attempt(functionId, payload, requestId, policy, queuedAt, retriesDone + 1), wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            LOG.warn("{}: asynchronous invocation {} discarded after {} attempt(s): {} {}", functionId, requestId, retriesDone + 1,
                    result.errorType(), result.errorMessage());
        }
    }

    @Override
    public void close() {
        queue.shutdownNow();
    }
}
