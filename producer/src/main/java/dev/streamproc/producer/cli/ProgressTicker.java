package dev.streamproc.producer.cli;

import dev.streamproc.producer.TweetPump;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live line, from the first record until the last outcome (the final flush included):
 * counts, the send rate of the last interval, and the age of the oldest record still waiting for
 * its outcome (the producer's real lag; zero only when nothing is pending).
 */
final class ProgressTicker {

    private final ScheduledExecutorService timer;
    private final TweetPump pump;
    private final PrintStream out;
    private long lastSent;
    private long lastNanos = System.nanoTime();

    private ProgressTicker(TweetPump pump, PrintStream out) {
        this.pump = pump;
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
    }

    static ProgressTicker start(TweetPump pump, Duration every, PrintStream out) {
        ProgressTicker ticker = new ProgressTicker(pump, out);
        long ms = Math.max(1, every.toMillis());
        ticker.timer.scheduleAtFixedRate(ticker::tick, ms, ms, TimeUnit.MILLISECONDS);
        return ticker;
    }

    synchronized void tick() {
        long now = System.nanoTime();
        long sent = pump.sentSoFar();
        double rate = (sent - lastSent) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastSent = sent;
        lastNanos = now;
        out.println(line(pump.submittedSoFar(), sent, pump.failedSoFar(), pump.pending(), rate,
                pump.oldestPendingAge(), pump.retriedSoFar(), pump.possibleDuplicatesSoFar()));
    }

    static String line(long submitted, long sent, long failed, long pending, double rate, Duration oldestPending,
                       long retried, long possibleDuplicates) {
        return String.format(Locale.ROOT, "progress: submitted=%d sent=%d failed=%d pending=%d rate=%.0f rec/s"
                        + " oldest-pending=%d ms retried=%d possible-duplicates=%d", submitted, sent, failed, pending,
                rate, oldestPending.toMillis(), retried, possibleDuplicates);
    }

    /** Stops the timer and prints one last line with the final counts. */
    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tick();
    }
}
