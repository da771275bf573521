package dev.streamproc.producer.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C or SIGTERM asks the run to stop sending; the JVM then waits (bounded) until the run has
 * printed and written its summary, so an interrupted CLI still reports what it did.
 */
final class StopSignal {

    /** Longest the shutdown waits for the summary: the interrupted finish plus writing it. */
    private static final long SUMMARY_WAIT_SECONDS = 20;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    static StopSignal never() {
        return new StopSignal();
    }

    static StopSignal onShutdown() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(signal::stopAndWait, "producer-stop"));
        return signal;
    }

    boolean requested() {
        return requested.get();
    }

    void request() {
        requested.set(true);
    }

    /** The run has reported (or failed): the shutdown may proceed. */
    void done() {
        done.countDown();
    }

    private void stopAndWait() {
        if (done.getCount() == 0) {
            return; // a normal exit
        }
        request();
        try {
            done.await(SUMMARY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
