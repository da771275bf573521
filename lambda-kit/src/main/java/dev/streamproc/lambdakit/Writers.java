package dev.streamproc.lambdakit;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The pieces a handler's constructor wires once per container for its DynamoDB writes. */
public final class Writers {

    private Writers() {
    }

    /** A fixed pool of daemon threads for parallel, I/O-bound DynamoDB calls. */
    public static ExecutorService daemonPool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * 50 ms doubling up to 2 s, full jitter. SecureRandom: Lambda reseeds it after a SnapStart
     * restore, while other generators would give every restored container the same jitter.
     */
    public static Backoff defaultBackoff() {
        SecureRandom jitter = new SecureRandom();
        return new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), jitter::nextDouble);
    }
}
