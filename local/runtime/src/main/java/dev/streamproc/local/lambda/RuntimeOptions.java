package dev.streamproc.local.lambda;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the local runtime runs its containers.
 *
 * @param logDirectory         where {@code <function>.log} files go
 * @param workDirectory        per-container working directories (the RIC's task root)
 * @param sdkEnvironment       {@code AWS_ENDPOINT_URL_*}, dummy credentials and region of the local cloud
 * @param runtimeClasspath     the Runtime Interface Client and its dependencies
 * @param maxContainersPerFunction concurrency limit of one function
 * @param console              where verbose function output and cold starts are printed; null = silent
 * @param verbose              also echo function stdout/stderr to the console, prefixed {@code [Function]}
 * @param classDataCache       where containers' class-data archives are kept across data directories and runs;
 *                             null = no class-data sharing
 */
public record RuntimeOptions(Path logDirectory,
                             Path workDirectory,
                             Map<String, String> sdkEnvironment,
                             List<Path> runtimeClasspath,
                             int maxContainersPerFunction,
                             PrintStream console,
                             boolean verbose,
                             Path classDataCache) {

    public static final int DEFAULT_MAX_CONTAINERS = 4;

    public RuntimeOptions {
        sdkEnvironment = Map.copyOf(sdkEnvironment);
        runtimeClasspath = List.copyOf(runtimeClasspath);
        if (maxContainersPerFunction < 1) {
            throw new IllegalArgumentException("maxContainersPerFunction must be at least 1");
        }
    }

    /** Options for a data directory: logs in {@code <dataDir>/logs}, containers in {@code <dataDir>/lambda}. */
    public static RuntimeOptions forDataDirectory(Path dataDir, Map<String, String> sdkEnvironment, PrintStream console, boolean verbose) {
        List<Path> runtimeClasspath = RuntimeClasspath.locate();
        return new RuntimeOptions(dataDir.resolve("logs"), dataDir.resolve("lambda"), sdkEnvironment,
                runtimeClasspath, DEFAULT_MAX_CONTAINERS, console, verbose, RuntimeClasspath.classDataCache(runtimeClasspath));
    }

    public RuntimeOptions withMaxContainersPerFunction(int max) {
        return new RuntimeOptions(logDirectory, workDirectory, sdkEnvironment, runtimeClasspath, max, console, verbose, classDataCache);
    }
}
