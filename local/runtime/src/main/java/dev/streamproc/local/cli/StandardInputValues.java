package dev.streamproc.local.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values of {@code --ssm-parameter NAME=-} (or {@code NAME=SecureString:-}) read from standard input instead of the
 * command line, where {@code ps} would show them for as long as {@code up} runs: one line per such parameter, in
 * the order given. On a terminal the line is read without echo.
 */
final class StandardInputValues {

    /** The marker that asks for a value from standard input. */
    static final String FROM_STDIN = "-";

    private final BufferedReader lines;
    private final Console console;

    private StandardInputValues(BufferedReader lines, Console console) {
        this.lines = lines;
        this.console = console;
    }

    /** Piped or redirected input (also what tests give). */
    static StandardInputValues of(InputStream in) {
        return new StandardInputValues(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), null);
    }

    /** This process's standard input: the terminal without echo when there is one. */
    static StandardInputValues system() {
        Console console = System.console();
        return console != null ? new StandardInputValues(null, console) : of(System.in);
    }

    /** Each {@code NAME=[Type:]-} replaced by {@code [Type:]<line read>}; other entries unchanged. */
    Map<String, String> resolve(Map<String, String> parameters) {
        Map<String, String> resolved = new LinkedHashMap<>();
        parameters.forEach((name, raw) -> {
            String typePrefix = typePrefixOfStdinValue(raw);
            resolved.put(name, typePrefix == null ? raw : typePrefix + readLine(name));
        });
        return resolved;
    }

    /** "" or "SecureString:" etc. when {@code raw} asks for standard input; null when it is a value itself. */
    private static String typePrefixOfStdinValue(String raw) {
        if (raw.equals(FROM_STDIN)) {
            return "";
        }
        for (String type : new String[] {"SecureString:", "String:", "StringList:"}) {
            if (raw.equals(type + FROM_STDIN)) {
                return type;
            }
        }
        return null;
    }

    private String readLine(String name) {
        if (console != null) {
            char[] typed = console.readPassword("value of SSM parameter %s: ", name);
            if (typed == null) {
                throw new IllegalArgumentException("--ssm-parameter " + name + "=-: standard input ended before its value");
            }
            return new String(typed);
        }
        try {
            String line = lines.readLine();
            if (line == null) {
                throw new IllegalArgumentException("--ssm-parameter " + name + "=-: standard input ended before its value"
                        + " (give one line per parameter read from it, in order)");
            }
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --ssm-parameter " + name + " from standard input: " + e.getMessage(), e);
        }
    }
}
