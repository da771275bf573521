package dev.streamproc.local.lambda;

import java.time.Duration;

/**
 * Invokes a function of the stack synchronously, the way Lambda's Invoke API (RequestResponse) does.
 * The event source mapping, Firehose delivery, the scheduler and {@code streamproc invoke} all reach
 * functions only through this interface.
 */
public interface LambdaInvoker {

    /**
     * @param functionId the function's logical id in template.yaml or its ARN
     * @param event      the event JSON, exactly as AWS would send it
     */
    InvocationResult invoke(String functionId, byte[] event);

    /**
     * Invokes with a request id chosen by the caller: the function sees it as its {@code awsRequestId} and its log
     * lines carry it, as the id Lambda reports in an on-failure record does.
     */
    default InvocationResult invoke(String functionId, byte[] event, String requestId) {
        return invoke(functionId, event);
    }

    /**
     * Invokes and keeps the end of the invocation's log in {@link InvocationResult#logTail()} (Invoke with
     * {@code LogType: Tail}); an invoker without logs returns none.
     */
    default InvocationResult invokeWithLogTail(String functionId, byte[] event, String requestId) {
        return invoke(functionId, event, requestId);
    }

    /**
     * What came back: a payload, or a function error / timeout, as Lambda reports it; {@code logTail} the last 4 KB
     * of the invocation's log when it was asked for, else null.
     */
    record InvocationResult(byte[] payload, String errorType, String errorMessage, boolean timedOut, Duration duration, byte[] logTail) {

        public static InvocationResult success(byte[] payload, Duration duration) {
            return new InvocationResult(payload, null, null, false, duration, null);
        }

        public static InvocationResult error(String errorType, String errorMessage, Duration duration) {
            return new InvocationResult(null, errorType, errorMessage, false, duration, null);
        }

        public static InvocationResult timeout(Duration duration) {
            return new InvocationResult(null, "Sandbox.Timedout", "Task timed out after " + duration.toMillis() + " ms", true, duration, null);
        }

        public InvocationResult withLogTail(byte[] tail) {
            return new InvocationResult(payload, errorType, errorMessage, timedOut, duration, tail);
        }

        /** True when the function returned normally (Lambda's "FunctionError" header absent). */
        public boolean succeeded() {
            return errorType == null && !timedOut;
        }
    }
}
