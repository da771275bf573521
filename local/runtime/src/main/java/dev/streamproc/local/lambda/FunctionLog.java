package dev.streamproc.local.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The log of one function, like its CloudWatch log group: every container's stdout and stderr plus the
 * platform's START / END / REPORT lines go to {@code <logDir>/<function>.log}; with verbose on they are
 * also echoed to the console, prefixed {@code [Function]}.
 */
final class FunctionLog implements AutoCloseable {

    private final String logicalId;
    private final Path file;
    private final Writer writer;
    private final PrintStream console;
    private final boolean verbose;

    FunctionLog(String logicalId, Path logDirectory, PrintStream console, boolean verbose) {
        this.logicalId = logicalId;
        this.console = console;
        this.verbose = verbose;
        try {
            Files.createDirectories(logDirectory);
            this.file = logDirectory.resolve(logicalId + ".log");
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log of " + logicalId, e);
        }
    }

    Path file() {
        return file;
    }

    /** A line the function wrote. */
    synchronized void line(String text) {
        try {
            writer.write(text);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            // a full disk must not fail the invocation; the console still gets the line
        }
        if (verbose && console != null) {
            console.println("[" + logicalId + "] " + text);
        }
    }

    /** A line worth showing even without verbose, such as a cold start. */
    synchronized void notice(String text) {
        line(text);
        if (!verbose && console != null) {
            console.println(text);
        }
    }

    /** Copies a container's output stream, line by line, until the process closes it. */
    void follow(InputStream stream, String threadName) {
        follow(stream, threadName, text -> { });
    }

    /** As {@link #follow(InputStream, String)}, each line also to {@code alsoTo} (the container's invocation log). */
    void follow(InputStream stream, String threadName, java.util.function.Consumer<String> alsoTo) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    line(text);
                    alsoTo.accept(text);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
