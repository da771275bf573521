package dev.streamproc.local.lambda;

import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The execution environments of one function: warm containers are reused (most recently used first);
 * when all are busy a new one starts, up to the concurrency limit; broken ones are replaced.
 */
final class FunctionPool {

    private final FunctionSpec function;
    private final RuntimeOptions options;
    private final FunctionLog log;
    private final Deque<Container> idle = new ArrayDeque<>();
    private final Set<Container> live = new LinkedHashSet<>();
    private final List<Duration> coldStarts = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private int starting;
    private boolean closed;

    FunctionPool(FunctionSpec function, RuntimeOptions options) {
        this.function = function;
        this.options = options;
        this.log = new FunctionLog(function.logicalId(), options.logDirectory(), options.console(), options.verbose());
    }

    FunctionSpec function() {
        return function;
    }

    InvocationResult invoke(byte[] event, String requestId) throws InterruptedException {
        return invoke(event, requestId, false);
    }

    /** With {@code tail}, the result carries the end of the invocation's log. */
    InvocationResult invoke(byte[] event, String requestId, boolean tail) throws InterruptedException {
        Container container = acquire();
        boolean releaseNow = true;
        try {
            return container.invoke(event, requestId, tail);
        } catch (InterruptedException e) {
            var stillRunning = container.abandonedInvocation();
            if (stillRunning != null) {
                releaseNow = false;
                stillRunning.whenComplete((done, failure) -> release(container));
            }
            throw e;
        } finally {
            if (releaseNow) {
                release(container);
            }
        }
    }

    private Container acquire() throws InterruptedException {
        List<Container> discarded = new ArrayList<>();
        try {
            synchronized (this) {
                while (true) {
                    if (closed) {
                        throw new IllegalStateException("the local Lambda runtime is shut down");
                    }
                    Container warm = idle.pollFirst();
                    if (warm != null) {
                        if (warm.healthy()) {
                            return warm;
                        }
                        live.remove(warm);
                        discarded.add(warm);
                        continue;
                    }
                    if (live.size() + starting < options.maxContainersPerFunction()) {
                        starting++;
                        break;
                    }
                    wait();
                }
            }
        } finally {
            discarded.forEach(Container::stop);
        }
        return startContainer();
    }

    private Container startContainer() {
        Container container;
        try {
            container = Container.start(function, options, log, function.logicalId() + "-" + started.incrementAndGet());
        } catch (RuntimeException e) {
            synchronized (this) {
                starting--;
                notifyAll();
            }
            throw e;
        }
        container.coldStart().thenAccept(coldStarts::add);
        boolean lateForShutdown;
        synchronized (this) {
            starting--;
            lateForShutdown = closed;
            if (!closed) {
                live.add(container);
            }
        }
        if (lateForShutdown) {
            container.stop();
            throw new IllegalStateException("the local Lambda runtime is shut down");
        }
        return container;
    }

    private void release(Container container) {
        boolean keep;
        synchronized (this) {
            keep = container.healthy() && !closed;
            if (keep) {
                idle.addFirst(container);
            } else {
                live.remove(container);
            }
            notifyAll();
        }
        if (!keep) {
            container.stop();
        }
    }

    /** Cold starts measured so far (process start → first {@code /next}). */
    List<Duration> coldStarts() {
        return List.copyOf(coldStarts);
    }

    /** Marks the pool closed and returns every container for shutdown. */
    synchronized List<Container> drain() {
        closed = true;
        notifyAll();
        List<Container> all = new ArrayList<>(live);
        live.clear();
        idle.clear();
        return all;
    }

    synchronized int liveContainers() {
        return live.size();
    }

    void closeLog() {
        log.close();
    }
}
