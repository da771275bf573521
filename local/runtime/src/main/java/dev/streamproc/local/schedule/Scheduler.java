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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fires the stack's enabled schedule rules on time and invokes their functions, as EventBridge does:
 * each firing is independent (a slow invocation does not delay the next one), and its outcome is logged.
 */
public final class Scheduler implements AutoCloseable {

    private final LambdaInvoker invoker;
    private final List<ScheduleRule> rules;
    private final Clock clock;
    private final Consumer<String> log;
    private final ScheduledExecutorService timer;
    private final ExecutorService invocations;
    private final Map<String, AtomicLong> fired = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Scheduler(LambdaInvoker invoker, List<ScheduleRule> rules, Clock clock, Consumer<String> log) {
        this.invoker = invoker;
        this.rules = List.copyOf(rules);
        this.clock = clock;
        this.log = log;
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
        timer.schedule(() -> fire(rule, next.get()), delayMs, TimeUnit.MILLISECONDS);
    }

    private void fire(ScheduleRule rule, Instant time) {
        armNext(rule, time);
        fired.get(rule.ruleName()).incrementAndGet();
        invocations.submit(() -> invoke(rule, time));
    }

    private void invoke(ScheduleRule rule, Instant time) {
        try {
            InvocationResult result = invoker.invoke(rule.functionId(), ScheduledEvent.forRule(rule, time));
            if (!result.succeeded()) {
                failed.get(rule.ruleName()).incrementAndGet();
                log.accept("schedule " + rule.ruleName() + ": " + rule.functionId() + " failed: " + result.errorType() + ": " + result.errorMessage());
            }
        } catch (RuntimeException e) {
            failed.get(rule.ruleName()).incrementAndGet();
            if (!closed) {
                log.accept("schedule " + rule.ruleName() + ": cannot invoke " + rule.functionId() + ": " + e.getMessage());
            }
        }
    }

    public List<ScheduleRule> rules() {
        return rules;
    }

    /** Firings per rule name so far. */
    public Map<String, Long> firings() {
        return snapshot(fired);
    }

    /** Firings whose invocation failed, per rule name. */
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
