package dev.streamproc.local.lambda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * Runs the stack's functions as Lambda does: each in child JVMs under the real Runtime Interface Client,
 * reached through the Runtime API, with the template's memory, timeout and environment.
 * Functions are found by logical id, function name, or ARN (a qualifier is accepted; locally only
 * {@code $LATEST} exists).
 */
public final class LocalLambda implements LambdaInvoker, AutoCloseable {

    private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
    private final Map<String, FunctionPool> byName = new LinkedHashMap<>();
    private final List<java.util.function.BiConsumer<String, InvocationResult>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public LocalLambda(List<FunctionSpec> functions, RuntimeOptions options) {
        for (FunctionSpec function : functions) {
            FunctionPool pool = new FunctionPool(function, options);
            pools.put(function.logicalId(), pool);
            byName.put(function.functionName(), pool);
        }
    }

    @Override
    public InvocationResult invoke(String functionId, byte[] event) {
        return invoke(functionId, event, UUID.randomUUID().toString());
    }

    @Override
    public InvocationResult invoke(String functionId, byte[] event, String requestId) {
        return invoke(functionId, event, requestId, false);
    }

    @Override
    public InvocationResult invokeWithLogTail(String functionId, byte[] event, String requestId) {
        return invoke(functionId, event, requestId, true);
    }

    private InvocationResult invoke(String functionId, byte[] event, String requestId, boolean tail) {
        FunctionPool pool = poolOf(functionId);
        try {
            InvocationResult result = pool.invoke(event, requestId, tail);
            listeners.forEach(listener -> listener.accept(pool.function().logicalId(), result));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("invocation of " + functionId + " interrupted");
        }
    }

    /** Called after every invocation with the function's logical id and the result (the console's figures). */
    public void onInvocation(java.util.function.BiConsumer<String, InvocationResult> listener) {
        listeners.add(listener);
    }

    /** The function a logical id, name or ARN refers to. */
    public FunctionSpec function(String functionId) {
        return poolOf(functionId).function();
    }

    public List<FunctionSpec> functions() {
        return pools.values().stream().map(FunctionPool::function).toList();
    }

    private FunctionPool poolOf(String functionId) {
        String id = functionId;
        if (id.startsWith("arn:")) {
            // arn:aws:lambda:region:account:function:name[:qualifier]
            String[] parts = id.split(":");
            if (parts.length < 7 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
                throw new IllegalArgumentException("not a Lambda function ARN: " + functionId);
            }
            id = parts[6];
        }
        FunctionPool pool = pools.containsKey(id) ? pools.get(id) : byName.get(id);
        if (pool == null) {
            throw new IllegalArgumentException("no function " + functionId + " in the stack; known: " + pools.keySet());
        }
        return pool;
    }

    /** Cold starts per logical id, in the order they happened. */
    public Map<String, List<Duration>> coldStarts() {
        Map<String, List<Duration>> all = new LinkedHashMap<>();
        pools.forEach((id, pool) -> all.put(id, pool.coldStarts()));
        return all;
    }

    /** Containers currently running, per logical id. */
    public Map<String, Integer> liveContainers() {
        Map<String, Integer> all = new LinkedHashMap<>();
        pools.forEach((id, pool) -> all.put(id, pool.liveContainers()));
        return all;
    }

    /** Stops every container at once (SIGKILL, as Lambda; SIGTERM first for one recording its class-data archive). */
    @Override
    public void close() {
        List<Container> containers = new ArrayList<>();
        pools.values().forEach(pool -> containers.addAll(pool.drain()));
        containers.forEach(Container::terminate);
        long deadline = System.nanoTime() + Container.stopGrace().toNanos();
        containers.forEach(container -> container.awaitStopped(deadline));
        pools.values().forEach(FunctionPool::closeLog);
    }
}
