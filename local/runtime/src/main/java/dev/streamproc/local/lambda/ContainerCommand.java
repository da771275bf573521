package dev.streamproc.local.lambda;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The command line and environment of a container's JVM, as Lambda's java21 runtime sets them up. */
final class ContainerCommand {

    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private ContainerCommand() {
    }

    static List<String> command(List<Path> classpath, FunctionSpec function, List<String> classDataOptions, Path nativeLibrary) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        // Lambda's java runtimes: ~85% of memory as heap, serial GC, C1 only (tiered stop at level 1).
        command.add("-Xmx" + heapMb(function.memoryMb()) + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        command.addAll(classDataOptions);
        command.add("-D" + RuntimeNativeLibrary.PROPERTY + "=" + nativeLibrary);
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add(RIC_MAIN);
        command.add(function.handler());
        return command;
    }

    /** The function's code, then the Runtime Interface Client. */
    static List<Path> classpath(List<Path> code, List<Path> runtimeClasspath) {
        List<Path> classpath = new ArrayList<>(code);
        classpath.addAll(runtimeClasspath);
        return classpath;
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static int heapMb(int memoryMb) {
        return Math.max(64, memoryMb * 8 / 10);
    }

    /**
     * A clean environment, as on AWS: the function's variables, the local cloud's endpoints and dummy
     * credentials, then the reserved variables Lambda sets (which a template cannot override).
     */
    static Map<String, String> environment(FunctionSpec function, Map<String, String> sdkEnvironment, String runtimeApi, Path taskRoot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        // AWS sets en_US.UTF-8, which its images have; C.UTF-8 exists on every glibc system. Without an installed
        // UTF-8 locale Java 17 falls back to ASCII as its default charset and prints non-Latin text as '?'.
        env.put("LANG", "C.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(sdkEnvironment);
        env.putAll(function.environment());
        String region = sdkEnvironment.getOrDefault("AWS_REGION", function.region());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", function.handler());
        return env;
    }
}
