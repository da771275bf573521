package dev.streamproc.local.lambda;

import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import dev.streamproc.local.lambda.RuntimeApiServer.FunctionError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One warm execution environment: a child JVM running the function under the Runtime Interface Client,
 * with its own Runtime API. Runs one invocation at a time. After a timeout, a crash or an init failure
 * it is broken and its pool replaces it.
 */
final class Container {

    /** Lambda's init phase limit; a slower init is retried within the first invocation's timeout, as on AWS. */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final FunctionSpec function;
    private final FunctionLog log;
    private final String name;
    private final RuntimeApiServer api;
    private final Process process;
    private final ClassDataArchive classData;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Duration> ready = new CompletableFuture<>();
    private volatile PendingInvocation current;
    /** The log of the invocation running now, for {@code LogType: Tail}. */
    private volatile InvocationLogTail currentLog;
    private volatile boolean broken;
    private volatile CompletableFuture<Void> abandoned;
    private boolean initReported;

    private Container(FunctionSpec function, RuntimeOptions options, FunctionLog log, String name) throws IOException {
        this.function = function;
        this.log = log;
        this.name = name;
        Path taskRoot = options.workDirectory().resolve(name);
        Files.createDirectories(taskRoot);
        List<Path> code = CodeSnapshot.of(function.classpath(), options.workDirectory().resolve("code").resolve(function.logicalId()));
        Path nativeLibrary = RuntimeNativeLibrary.unpack(options.runtimeClasspath(), options.workDirectory().resolve("jni"));
        // relative to the task root, as the JVM records it in a class-data archive: the same code in another data
        // directory then maps the same archive
        List<Path> classpath = ContainerCommand.classpath(code.stream().map(entry -> relativeToTaskRoot(entry, options)).toList(),
                options.runtimeClasspath());
        this.classData = classDataFor(function, classpath, taskRoot, options);
        this.api = new RuntimeApiServer(function.arn(), this::polled, this::initFailed);
        List<String> classDataOptions = classData == null ? List.of() : classData.jvmOptions();
        ProcessBuilder builder = new ProcessBuilder(ContainerCommand.command(classpath, function, classDataOptions, nativeLibrary))
                .directory(taskRoot.toFile());
        builder.environment().clear();
        builder.environment().putAll(ContainerCommand.environment(function, options.sdkEnvironment(), api.address(), taskRoot));
        try {
            this.process = builder.start();
        } catch (IOException e) {
            api.close();
            if (classData != null) {
                classData.containerExited();
            }
            throw e;
        }
        process.getOutputStream().close();
        log.follow(process.getInputStream(), name + "-stdout", this::invocationLine);
        log.follow(process.getErrorStream(), name + "-stderr", this::invocationLine);
        process.onExit().thenAccept(this::exited);
    }

    private Path relativeToTaskRoot(Path codeEntry, RuntimeOptions options) {
        Path entry = codeEntry.toAbsolutePath();
        Path workDirectory = options.workDirectory().toAbsolutePath();
        return entry.startsWith(workDirectory) ? workDirectory.resolve(name).relativize(entry) : codeEntry;
    }

    /** Only for jar classpaths (deployment jars): the JVM cannot archive classes loaded from folders. */
    private static ClassDataArchive classDataFor(FunctionSpec function, List<Path> classpath, Path taskRoot, RuntimeOptions options) {
        if (options.classDataCache() == null || !classpath.stream().map(taskRoot::resolve).allMatch(Files::isRegularFile)) {
            return null;
        }
        return ClassDataArchive.forClasspath(classpath, taskRoot, ContainerCommand.java(function), options.classDataCache());
    }

    static Container start(FunctionSpec function, RuntimeOptions options, FunctionLog log, String name) {
        try {
            return new Container(function, options, log, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a container for " + function.logicalId(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean healthy() {
        return !broken && process.isAlive();
    }

    /** Completes when an invocation whose caller was interrupted has ended; null when there is none. */
    CompletableFuture<Void> abandonedInvocation() {
        CompletableFuture<Void> pending = abandoned;
        abandoned = null;
        return pending;
    }

    /** Process start → first {@code /next}, once the container is ready. */
    CompletableFuture<Duration> coldStart() {
        return ready;
    }

    private void invocationLine(String text) {
        InvocationLogTail tail = currentLog;
        if (tail != null) {
            tail.add(text);
        }
    }

    /** A platform line (START, END, REPORT, timeout) of the invocation running now. */
    private void platformLine(String text) {
        log.line(text);
        invocationLine(text);
    }

    /** Runs one event; never throws for function failures, reports them as Lambda does. */
    InvocationResult invoke(byte[] event, String requestId) throws InterruptedException {
        return invoke(event, requestId, false);
    }

    /** As {@link #invoke(byte[], String)}; with {@code tail} the result carries the end of the invocation's log. */
    InvocationResult invoke(byte[] event, String requestId, boolean tail) throws InterruptedException {
        Duration timeout = function.timeout();
        try {
            ready.get(INIT_LIMIT.plus(timeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            broken = true;
            FunctionError error = e.getCause() instanceof InitFailure failure ? failure.error
                    : new FunctionError("Runtime.Unknown", String.valueOf(e.getCause()));
            return InvocationResult.error(error.errorType(), error.errorMessage(), Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (TimeoutException e) {
            broken = true;
            kill();
            return InvocationResult.error("Runtime.InitTimeout", function.logicalId() + " did not initialise within " + INIT_LIMIT.plus(timeout).toSeconds() + " s",
                    Duration.ofNanos(System.nanoTime() - startNanos));
        }
        PendingInvocation invocation = new PendingInvocation(requestId, event, System.currentTimeMillis() + timeout.toMillis());
        current = invocation;
        InvocationLogTail invocationLog = new InvocationLogTail();
        currentLog = invocationLog;
        platformLine("START RequestId: " + invocation.requestId() + " Version: $LATEST");
        if (!process.isAlive()) {
            invocation.fail("Runtime.ExitError", exitMessage(invocation));
        } else {
            api.submit(invocation);
        }
        InvocationResult result;
        try {
            result = invocation.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // The caller gave up, the function runs on as it would on Lambda: the container stays busy until
            // the invocation ends, and is still killed at its deadline.
            long remaining = Math.max(0, invocation.deadlineEpochMs() - System.currentTimeMillis());
            abandoned = invocation.result().completeOnTimeout(InvocationResult.timeout(timeout), remaining, TimeUnit.MILLISECONDS)
                    .thenAccept(late -> {
                        if (late.timedOut()) {
                            kill();
                        }
                    });
            throw e;
        } catch (TimeoutException e) {
            broken = true;
            kill();
            result = InvocationResult.timeout(timeout);
            platformLine(java.time.Instant.now() + " " + invocation.requestId() + " Task timed out after " + String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0) + " seconds");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            current = null;
        }
        if (tail) {
            // what the function printed last may still be in the pipe
            invocationLog.awaitQuiet(Duration.ofMillis(10), Duration.ofMillis(200));
        }
        platformLine("END RequestId: " + invocation.requestId());
        platformLine(report(invocation, result));
        currentLog = null;
        return tail ? result.withLogTail(invocationLog.bytes()) : result;
    }

    private String report(PendingInvocation invocation, InvocationResult result) {
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(invocation.requestId())
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", result.duration().toNanos() / 1e6)).append(" ms")
                .append("\tBilled Duration: ").append(Math.max(1, (long) Math.ceil(result.duration().toNanos() / 1e6))).append(" ms")
                .append("\tMemory Size: ").append(function.memoryMb()).append(" MB");
        ProcessMemory.peakMb(process.pid()).ifPresent(mb -> line.append("\tMax Memory Used: ").append(mb).append(" MB"));
        if (!initReported) {
            initReported = true;
            if (ready.isDone() && !ready.isCompletedExceptionally()) {
                line.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", ready.join().toNanos() / 1e6)).append(" ms");
            }
        }
        if (result.timedOut()) {
            line.append("\tStatus: timeout");
        } else if (!result.succeeded() && result.errorType().startsWith("Runtime.")) {
            line.append("\tStatus: error\tError Type: ").append(result.errorType());
        }
        return line.toString();
    }

    private void polled() {
        if (!ready.isDone()) {
            Duration coldStart = Duration.ofNanos(System.nanoTime() - startNanos);
            if (ready.complete(coldStart)) {
                log.notice(String.format(Locale.ROOT, "cold start %s %,d ms", function.logicalId(), coldStart.toMillis()));
            }
        }
    }

    private void initFailed(FunctionError error) {
        broken = true;
        log.line("INIT_REPORT Status: error Error Type: " + error.errorType() + " " + error.errorMessage());
        ready.completeExceptionally(new InitFailure(error));
    }

    private void exited(Process exited) {
        broken = true;
        if (classData != null) {
            classData.containerExited();
        }
        ready.completeExceptionally(new InitFailure(new FunctionError("Runtime.ExitError",
                "Runtime exited with error: exit status " + exited.exitValue() + " before it was ready")));
        PendingInvocation invocation = current;
        if (invocation != null) {
            invocation.fail("Runtime.ExitError", exitMessage(invocation));
        }
    }

    private String exitMessage(PendingInvocation invocation) {
        return "RequestId: " + invocation.requestId() + " Error: Runtime exited with error: exit status " + process.exitValue();
    }

    /** SIGKILL, as Lambda does to a sandbox whose invocation timed out. */
    void kill() {
        broken = true;
        process.destroyForcibly();
    }

    /**
     * Shuts the container down as Lambda shuts down a runtime without extensions: SIGKILL. Lambda's graceful shutdown
     * (SIGTERM to the runtime, then SIGKILL) is for functions with registered extensions only (Lambda Extensions API,
     * "Shutdown phase"; aws-samples/graceful-shutdown-with-aws-lambda), and the local runtime runs none.
     * A container recording its class-data archive gets SIGTERM instead, so that its JVM exits normally and writes
     * it; {@link #awaitStopped} escalates to SIGKILL.
     */
    void terminate() {
        broken = true;
        if (classData != null && classData.recordsAtExit()) {
            process.destroy();
        } else {
            process.destroyForcibly();
        }
    }

    void awaitStopped(long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            api.close();
            if (classData != null && !process.isAlive()) {
                classData.containerExited(); // before the runtime's own JVM may exit (onExit runs asynchronously)
            }
        }
    }

    void stop() {
        terminate();
        awaitStopped(System.nanoTime() + STOP_GRACE.toNanos());
    }

    static Duration stopGrace() {
        return STOP_GRACE;
    }

    private static final class InitFailure extends RuntimeException {
        private final FunctionError error;

        InitFailure(FunctionError error) {
            super(error.errorType() + ": " + error.errorMessage(), null, false, false);
            this.error = error;
        }
    }
}
