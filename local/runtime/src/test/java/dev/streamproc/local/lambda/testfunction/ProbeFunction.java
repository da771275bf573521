package dev.streamproc.local.lambda.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain Lambda handler the runtime tests run in real child JVMs. The event's {@code action} says what to do:
 * {@code echo} (default), {@code fail}, {@code sleep}, {@code exit}, {@code env}.
 */
public class ProbeFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String action = String.valueOf(event.getOrDefault("action", "echo"));
        System.out.println("probe " + action + " in " + context.getAwsRequestId());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("pid", ProcessHandle.current().pid());
        switch (action) {
            case "echo" -> {
                System.out.println("event " + event);
                reply.put("event", event);
                reply.put("functionName", context.getFunctionName());
                reply.put("invokedFunctionArn", context.getInvokedFunctionArn());
                reply.put("requestId", context.getAwsRequestId());
                reply.put("remainingMs", context.getRemainingTimeInMillis());
                reply.put("memoryLimitMb", context.getMemoryLimitInMB());
            }
            case "fail" -> throw new IllegalStateException("cannot process " + event.get("record"));
            case "sleep" -> {
                try {
                    Thread.sleep(((Number) event.get("millis")).longValue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "exit" -> Runtime.getRuntime().halt(((Number) event.get("status")).intValue());
            case "env" -> {
                reply.put("env", System.getenv());
                reply.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
                reply.put("defaultCharset", java.nio.charset.Charset.defaultCharset().name());
                System.out.println("stdout says 東京");
            }
            case "jvm" -> reply.put("inputArguments", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
            default -> throw new IllegalArgumentException("unknown action " + action);
        }
        return reply;
    }
}
