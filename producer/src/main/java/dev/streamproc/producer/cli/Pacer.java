package dev.streamproc.producer.cli;

/** Spaces records to a target rate: record i is not released before start + i/rate. */
final class Pacer {

    private final double rate;
    private final long start = System.nanoTime();
    private long released;

    /** @param rate records per second; 0 or less means no pacing */
    Pacer(double rate) {
        this.rate = rate;
    }

    void awaitTurn() throws InterruptedException {
        if (rate > 0) {
            long due = start + (long) (released / rate * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        released++;
    }
}
