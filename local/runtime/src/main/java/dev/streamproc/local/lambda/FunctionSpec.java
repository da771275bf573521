package dev.streamproc.local.lambda;

import dev.streamproc.local.cloud.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One function as the local runtime runs it: what AWS would read from the template's
 * {@code AWS::Serverless::Function}, with the code resolved to a classpath.
 *
 * @param classpath   the deployment jar (or, in tests, class folders) the child JVM loads the handler from
 * @param environment the template's variables, Globals merged and intrinsics resolved
 */
public record FunctionSpec(String logicalId,
                           String functionName,
                           String arn,
                           List<Path> classpath,
                           String handler,
                           int memoryMb,
                           Duration timeout,
                           Map<String, String> environment) {

    public FunctionSpec {
        classpath = List.copyOf(classpath);
        environment = Map.copyOf(environment);
        if (memoryMb < 128) {
            throw new IllegalArgumentException(logicalId + ": MemorySize " + memoryMb + " is below Lambda's minimum of 128 MB");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(logicalId + ": Timeout must be positive, was " + timeout);
        }
    }

    /** A template function, its code resolved to the CodeUri folder's deployment jar. */
    public static FunctionSpec of(Template.FunctionDef function) {
        if (function.runtime() != null && !function.runtime().startsWith("java")) {
            throw new IllegalStateException(function.logicalId() + ": runtime " + function.runtime() + " cannot run locally (java only)");
        }
        if (function.codeUri() == null) {
            throw new IllegalStateException(function.logicalId() + ": only a CodeUri folder can run locally");
        }
        return new FunctionSpec(function.logicalId(), function.functionName(), function.arn(),
                List.of(deploymentJar(function.logicalId(), function.codeUri())), function.handler(), function.memoryMb(),
                Duration.ofSeconds(function.timeoutSeconds()), function.environment());
    }

    /**
     * The deployment jar of a CodeUri folder, as {@code ./mvnw package} builds it:
     * {@code <codeUri>/target/<folder-name>-lambda.jar}.
     */
    public static Path deploymentJar(String logicalId, Path codeUri) {
        Path folder = codeUri.toAbsolutePath().normalize();
        Path jar = folder.resolve("target").resolve(folder.getFileName() + "-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(logicalId + ": deployment jar " + jar + " is missing: build it first"
                    + " (./mvnw -B -q -DskipTests package; ./streamproc builds what is missing)");
        }
        return jar;
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
