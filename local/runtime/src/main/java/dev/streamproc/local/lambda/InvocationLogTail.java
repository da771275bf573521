package dev.streamproc.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The end of one invocation's log (its START line, what the function wrote, END and REPORT), for Invoke with
 * {@code LogType: Tail}: Lambda returns "the last 4 KB of the execution log" base64-encoded in
 * {@code X-Amz-Log-Result} (Lambda API reference, Invoke).
 */
final class InvocationLogTail {

    static final int LIMIT_BYTES = 4 * 1024;

    private final Deque<byte[]> lines = new ArrayDeque<>();
    private int bytes;
    private volatile long lastLineNanos = System.nanoTime();

    synchronized void add(String line) {
        byte[] encoded = (line + "\n").getBytes(StandardCharsets.UTF_8);
        lines.addLast(encoded);
        bytes += encoded.length;
        while (bytes - lines.peekFirst().length >= LIMIT_BYTES) {
            bytes -= lines.removeFirst().length;
        }
        lastLineNanos = System.nanoTime();
    }

    /**
     * Waits until no line came for {@code quiet} (at most {@code max}): a function's last output goes through a pipe and
     * may reach us just after its response does.
     */
    void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && System.nanoTime() - lastLineNanos < quiet.toNanos()) {
            Thread.sleep(2);
        }
    }

    /** The last 4 KB of the log (cut at a byte boundary, as Lambda's tail is). */
    synchronized byte[] bytes() {
        byte[] all = new byte[bytes];
        int at = 0;
        for (byte[] line : lines) {
            System.arraycopy(line, 0, all, at, line.length);
            at += line.length;
        }
        return all.length <= LIMIT_BYTES ? all : java.util.Arrays.copyOfRange(all, all.length - LIMIT_BYTES, all.length);
    }
}
