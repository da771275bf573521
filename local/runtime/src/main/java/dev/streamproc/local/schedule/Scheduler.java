package dev.streamproc.local.schedule;

import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fires the stack's enabled schedule rules on time and invokes their functions, as EventBridge does:
 * each firing is independent (a slow invocation does not delay the next one). EventBridge invokes
 * asynchronously, so a failed invocation is retried as Lambda retries async events: twice, after 1 and
 * 2 minutes; then it is logged and counted.
 */
public final class Scheduler implements AutoCloseable {

    private final LambdaInvoker invoker;
    private final List<ScheduleRule> rules;
    private final Clock clock;
    private final Consumer<String> log;
    private final List<Duration> retryDelays;
    private final ScheduledExecutorService timer;
    private final ExecutorService invocations;
    private final Map<String, AtomicLong> fired = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Lambda's asynchronous invocation retries: two, after 1 and 2 minutes. */
    public static final List<Duration> ASYNC_RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

    public Scheduler(LambdaInvoker invoker, List<ScheduleRule> rules, Clock clock, Consumer<String> log) {
        this(invoker, rules, clock, log, ASYNC_RETRY_DELAYS);
    }

    /** @param retryDelays the pause before each retry of a failed invocation (tests shorten them) */
    public Scheduler(LambdaInvoker invoker, List<ScheduleRule> rules, Clock clock, Consumer<String> log, List<Duration> retryDelays) {
        this.invoker = invoker;
        this.rules = List.copyOf(rules);
        this.clock = clock;
        this.log = log;
        this.retryDelays = List.copyOf(retryDelays);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("scheduler"));
        this.invocations = Executors.newCachedThreadPool(daemon("scheduled-invocation"));
    }

    /** Arms every enabled rule; rate rules count their periods from now. */
    public Scheduler start() {
        Instant now = clock.instant();
        for (ScheduleRule rule : rules) {
            fired.put(rule.ruleName(), new AtomicLong());
            failed.put(rule.ruleName(), new AtomicLong());
            if (!rule.enabled()) {
                log.accept("schedule " + rule.ruleName() + " (" + rule.expression() + ") is disabled");
                continue;
            }
            ScheduleRule armed = rule.expression() instanceof RateExpression rate
                    ? new ScheduleRule(rule.functionId(), rule.ruleName(), rule.region(), rule.accountId(), rate.anchoredAt(now), true, rule.input())
                    : rule;
            armNext(armed, now);
        }
        return this;
    }

    private void armNext(ScheduleRule rule, Instant after) {
        if (closed) {
            return;
        }
        Optional<Instant> next = rule.expression().nextAfter(after);
        if (next.isEmpty()) {
            log.accept("schedule " + rule.ruleName() + " (" + rule.expression() + ") will not fire again");
            return;
        }
        long delayMs = Math.max(0, Duration.between(clock.instant(), next.get()).toMillis());
        later(() -> fire(rule, next.get()), delayMs);
    }

    private void fire(ScheduleRule rule, Instant time) {
        // a stalled timer (suspended machine, overloaded JVM) skips missed slots rather than firing them in a burst
        Instant now = clock.instant();
        armNext(rule, now.isAfter(time) ? now : time);
        fired.get(rule.ruleName()).incrementAndGet();
        byte[] event = ScheduledEvent.forRule(rule, time);
        now(() -> invoke(rule, event, 0));
    }

    /** One attempt; the same event (same id) is sent again on a retry, as Lambda's async queue does. */
    private void invoke(ScheduleRule rule, byte[] event, int attempt) {
        String failure;
        try {
            InvocationResult result = invoker.invoke(rule.functionId(), event);
            if (result.succeeded()) {
                return;
            }
            failure = result.errorType() + ": " + result.errorMessage();
        } catch (RuntimeException e) {
            failure = e.getMessage();
        }
        if (closed) {
            return;
        }
        if (attempt < retryDelays.size()) {
            log.accept("schedule " + rule.ruleName() + ": " + rule.functionId() + " failed (" + failure + "); retry in "
                    + retryDelays.get(attempt).toSeconds() + " s");
            later(() -> now(() -> invoke(rule, event, attempt + 1)), retryDelays.get(attempt).toMillis());
            return;
        }
        failed.get(rule.ruleName()).incrementAndGet();
        log.accept("schedule " + rule.ruleName() + ": " + rule.functionId() + " failed after " + (attempt + 1) + " attempts: " + failure);
    }

    private void later(Runnable task, long delayMs) {
        try {
            timer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // the scheduler is shutting down
        }
    }

    private void now(Runnable task) {
        try {
            invocations.submit(task);
        } catch (RejectedExecutionException closing) {
            // the scheduler is shutting down
        }
    }

    public List<ScheduleRule> rules() {
        return rules;
    }

    /** Firings per rule name so far. */
    public Map<String, Long> firings() {
        return snapshot(fired);
    }

    /** Firings whose invocation still failed after the retries, per rule name. */
    public Map<String, Long> failures() {
        return snapshot(failed);
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counters) {
        Map<String, Long> copy = new java.util.TreeMap<>();
        counters.forEach((rule, count) -> copy.put(rule, count.get()));
        return copy;
    }

    /** Stops firing; invocations already running finish (up to the longest function timeout is the caller's choice). */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        invocations.shutdown();
    }

    /** Waits for running invocations after {@link #close()}. */
    public boolean awaitInvocations(Duration limit) throws InterruptedException {
        return invocations.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
