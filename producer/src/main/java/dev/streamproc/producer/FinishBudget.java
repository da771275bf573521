package dev.streamproc.producer;

import java.time.Duration;

/**
 * How long to wait for the outcomes still pending when a run stops sending: sized from what is
 * pending and the rate outcomes arrived at so far, so a slow machine draining 20,000 records gets
 * the time it needs, and never more than the sink's {@link RecordSink#outcomeDeadline()} after
 * which every record must have had an outcome (a retry may start just before it ends: twice that).
 */
public final class FinishBudget {

    /** Never less than this: a few round trips and a KPL flush. */
    static final Duration MINIMUM = Duration.ofSeconds(30);
    /** Head room over the drain time the observed rate predicts (the rate falls as a shard fills). */
    static final int SAFETY_FACTOR = 3;

    private FinishBudget() {
    }

    /**
     * @param pending         records without an outcome
     * @param settledPerSecond outcomes per second observed during the run (0 when none arrived yet)
     * @param outcomeDeadline the sink's bound on one record's wait for its outcome
     */
    public static Duration forPending(long pending, double settledPerSecond, Duration outcomeDeadline) {
        Duration cap = outcomeDeadline.multipliedBy(2);
        if (pending <= 0) {
            return MINIMUM.compareTo(cap) < 0 ? MINIMUM : cap;
        }
        if (settledPerSecond <= 0) {
            return cap;
        }
        Duration expected = Duration.ofMillis((long) Math.ceil(pending / settledPerSecond * 1000));
        Duration wanted = expected.multipliedBy(SAFETY_FACTOR);
        if (wanted.compareTo(MINIMUM) < 0) {
            wanted = MINIMUM;
        }
        return wanted.compareTo(cap) < 0 ? wanted : cap;
    }
}
