package dev.streamproc.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The producer CLI ({@code dev.streamproc.producer.cli.ProducerCli} from the producer's deployment jar) in a
 * child JVM, pointed at the local cloud by the standard AWS variables, exactly as a user would run it.
 */
public final class ProducerProcess implements AutoCloseable {

    static final String MAIN_CLASS = "dev.streamproc.producer.cli.ProducerCli";
    private static final Pattern SENT = Pattern.compile("\\bsent=(\\d+)");

    /**
     * What the producer reported at the end (its {@code --summary-json}).
     *
     * @param submitted tweets the source yielded (sent + failed)
     * @param rejected  input items the source could not use
     */
    public record Result(int exitCode, long submitted, long sent, long failed, long rejected, double seconds) {
    }

    private final Process process;
    private final Path summaryFile;
    private final AtomicLong sentSoFar = new AtomicLong();
    private final Thread pump;

    private final Path logFile;

    private ProducerProcess(Process process, Path summaryFile, Path logFile) {
        this.logFile = logFile;
        this.process = process;
        this.summaryFile = summaryFile;
        this.pump = new Thread(() -> copyOutput(logFile), "producer-output");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /**
     * @param jar          producer/target/producer-lambda.jar
     * @param sourceArgs   {@code --source ... --count|--duration ... --rate ... --seed ...}
     * @param environment  the local cloud's SDK environment
     */
    public static ProducerProcess start(Path jar, String stream, List<String> sourceArgs, Map<String, String> environment, Path workDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the producer's jar " + jar + " is missing: run ./mvnw package");
        }
        try {
            Files.createDirectories(workDir);
            Path summary = workDir.resolve("producer-summary.json");
            Files.deleteIfExists(summary);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // C1 only, as Lambda's Java runtimes start the JVM: the producer is done before C2 would pay off
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", jar.toString(), MAIN_CLASS, "--stream", stream));
            command.addAll(sourceArgs);
            command.addAll(List.of("--summary-json", summary.toString(), "--progress", "1s"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            builder.environment().put("KPL_TEMP_DIRECTORY", Files.createDirectories(workDir.resolve("kpl")).toString());
            KplNativeBinary.entryForThisMachine().flatMap(entry -> KplNativeBinary.extractBeside(jar, entry))
                    .ifPresent(binary -> builder.environment().put("KPL_NATIVE_EXECUTABLE", binary.toString()));
            return new ProducerProcess(builder.start(), summary, workDir.resolve("logs").resolve("producer-cli.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the producer: " + e.getMessage(), e);
        }
    }

    /** Records the stream acknowledged so far, from the producer's progress lines. */
    public long sentSoFar() {
        return sentSoFar.get();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the producer to finish and reads its summary. */
    public Result await(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the producer did not finish within " + timeoutSeconds + " s");
        }
        pump.join(5_000);
        if (!Files.isRegularFile(summaryFile)) {
            throw new IllegalStateException("the producer exited with " + process.exitValue() + " without a summary; the end of "
                    + logFile + ":\n" + tail(logFile, 15));
        }
        try {
            JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
            sentSoFar.set(summary.path("sent").asLong());
            return new Result(process.exitValue(), summary.path("submitted").asLong(), summary.path("sent").asLong(), summary.path("failed").asLong(),
                    summary.path("rejected").asLong(), summary.path("seconds").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the producer's summary " + summaryFile, e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void copyOutput(Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    log.write(line);
                    log.write('\n');
                    log.flush();
                    Matcher sent = SENT.matcher(line);
                    if (sent.find()) {
                        sentSoFar.set(Long.parseLong(sent.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            // the summary file still carries the counts
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
