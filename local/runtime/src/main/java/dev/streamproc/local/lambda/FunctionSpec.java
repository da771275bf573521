package dev.streamproc.local.lambda;

import dev.streamproc.local.cloud.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One function as the local runtime runs it: what AWS would read from the template's
 * {@code AWS::Serverless::Function}, with the code resolved to a classpath and the runtime to a JDK.
 *
 * @param classpath   the deployment jar (or, in tests, class folders) the child JVM loads the handler from
 * @param environment the template's variables, Globals merged and intrinsics resolved
 * @param runtime     the template's Lambda runtime ({@code java21}, ...)
 * @param javaHome    the JDK its containers run on ({@link JavaRuntimes})
 */
public record FunctionSpec(String logicalId,
                           String functionName,
                           String arn,
                           List<Path> classpath,
                           String handler,
                           int memoryMb,
                           Duration timeout,
                           Map<String, String> environment,
                           String runtime,
                           Path javaHome) {

    /** The runtime when a template does not say: what the project's own template uses. */
    public static final String DEFAULT_RUNTIME = "java21";

    /** A function on the JVM running this code (tests that build their specs by hand). */
    public FunctionSpec(String logicalId, String functionName, String arn, List<Path> classpath, String handler, int memoryMb,
                        Duration timeout, Map<String, String> environment) {
        this(logicalId, functionName, arn, classpath, handler, memoryMb, timeout, environment, DEFAULT_RUNTIME,
                Path.of(System.getProperty("java.home")));
    }

    public FunctionSpec {
        classpath = List.copyOf(classpath);
        environment = Map.copyOf(environment);
        if (!JavaRuntimes.isJava(runtime)) {
            throw new IllegalArgumentException(logicalId + ": runtime " + runtime + " is not a Lambda Java runtime");
        }
        if (memoryMb < 128) {
            throw new IllegalArgumentException(logicalId + ": MemorySize " + memoryMb + " is below Lambda's minimum of 128 MB");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(logicalId + ": Timeout must be positive, was " + timeout);
        }
    }

    /** A template function on this machine, a zip unpacked under the system's temporary folder. */
    public static FunctionSpec of(Template.FunctionDef function) {
        return of(function, Path.of(System.getProperty("java.io.tmpdir"), "streamproc-code"), JavaRuntimes.ofThisMachine());
    }

    /**
     * A template function: its CodeUri resolved by {@link FunctionCode}, its runtime to a JDK of {@code jdks}.
     *
     * @throws FunctionCode.NotRunnable when it is not a Java function, its code is not built, or no JDK can run it
     */
    public static FunctionSpec of(Template.FunctionDef function, Path unpackRoot, JavaRuntimes jdks) {
        String runtime = function.runtime();
        if (!JavaRuntimes.isJava(runtime)) {
            throw new FunctionCode.NotRunnable(function.logicalId() + ": " + (runtime == null ? "no Runtime" : "runtime " + runtime)
                    + " cannot run locally: local mode runs Java functions (java11, java17, java21, java25)");
        }
        JavaRuntimes.Choice jdk = jdks.choose(runtime)
                .orElseThrow(() -> new FunctionCode.NotRunnable(function.logicalId() + " (" + runtime + "): " + jdks.missing(runtime)));
        return new FunctionSpec(function.logicalId(), function.functionName(), function.arn(),
                FunctionCode.classpath(function.logicalId(), function.codeUri(), unpackRoot), function.handler(), function.memoryMb(),
                Duration.ofSeconds(function.timeoutSeconds()), function.environment(), runtime, jdk.jdk().home());
    }

    /** The deployment jar of a CodeUri (a Maven module folder or a .jar), as its build writes it. */
    public static Path deploymentJar(String logicalId, Path codeUri) {
        List<Path> classpath = FunctionCode.classpath(logicalId, codeUri, Path.of(System.getProperty("java.io.tmpdir"), "streamproc-code"));
        if (classpath.size() != 1 || !Files.isRegularFile(classpath.get(0))) {
            throw new IllegalStateException(logicalId + ": CodeUri " + codeUri + " is not a deployment jar");
        }
        return classpath.get(0);
    }

    /** The {@code java} executable of this function's containers. */
    public Path javaExecutable() {
        return javaHome.resolve("bin").resolve("java");
    }

    /** The account id in the function's ARN ({@code arn:aws:lambda:region:account:function:name}). */
    public String accountId() {
        String[] parts = arn.split(":");
        return parts.length > 4 ? parts[4] : "000000000000";
    }

    /** The region in the function's ARN. */
    public String region() {
        String[] parts = arn.split(":");
        return parts.length > 3 ? parts[3] : "us-east-1";
    }
}
