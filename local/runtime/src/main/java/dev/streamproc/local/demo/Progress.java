package dev.streamproc.local.demo;

import java.io.PrintStream;
import java.util.function.Supplier;

/** Prints a status line every second while the demo runs (overwritten in place on a terminal). */
final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final Supplier<String> line;
    private final boolean terminal = System.console() != null;
    private final Thread thread;
    private volatile boolean running = true;

    Progress(PrintStream out, Supplier<String> line) {
        this.out = out;
        this.line = line;
        this.thread = new Thread(this::loop, "demo-progress");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            String text;
            try {
                text = line.get();
            } catch (RuntimeException e) {
                continue;
            }
            if (terminal) {
                out.print("\r" + text + "   ");
                out.flush();
            } else {
                out.println(text);
            }
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            out.println();
        }
    }
}
