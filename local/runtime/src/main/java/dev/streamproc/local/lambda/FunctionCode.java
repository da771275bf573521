package dev.streamproc.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a function's code is, as SAM reads {@code CodeUri}: a Maven module folder (the jar its own build writes,
 * see {@link MavenModuleJar}), a {@code .jar}, a {@code .zip} in Lambda's layout ({@link LambdaZip}), or a folder
 * already in that layout (classes at the root, {@code lib/*.jar}). Code that is not there yet is a
 * {@link NotRunnable} whose message names the function and the command that builds it.
 */
public final class FunctionCode {

    /** Why a function cannot run here, in one line that names it and says what to do. */
    public static final class NotRunnable extends IllegalStateException {
        public NotRunnable(String message) {
            super(message);
        }
    }

    private FunctionCode() {
    }

    /**
     * The classpath of {@code logicalId}'s code.
     *
     * @param codeUri    the template's CodeUri, resolved against the template's folder (null: not a local path)
     * @param unpackRoot where zips are unpacked (once per version)
     */
    public static List<Path> classpath(String logicalId, Path codeUri, Path unpackRoot) {
        if (codeUri == null) {
            throw new NotRunnable(logicalId + ": CodeUri is not a local path; local mode runs a Maven module folder, a .jar or a .zip");
        }
        Path code = codeUri.toAbsolutePath().normalize();
        String name = code.getFileName() == null ? "" : code.getFileName().toString();
        if (name.endsWith(".jar") || name.endsWith(".zip")) {
            if (!Files.isRegularFile(code)) {
                throw new NotRunnable(logicalId + ": CodeUri " + code + " does not exist" + buildHint(code.getParent()));
            }
            return name.endsWith(".jar") ? List.of(code) : LambdaZip.classpath(code, unpackRoot.resolve(logicalId));
        }
        if (!Files.isDirectory(code)) {
            throw new NotRunnable(logicalId + ": CodeUri " + code + " does not exist (a module not built yet? run ./mvnw package)");
        }
        if (MavenModuleJar.isModule(code)) {
            Path jar = MavenModuleJar.of(code);
            if (!Files.isRegularFile(jar)) {
                throw new NotRunnable(logicalId + ": code not built (no " + display(jar) + ")" + buildHint(code));
            }
            return List.of(jar);
        }
        Optional<Path> built = MavenModuleJar.singleLambdaJar(code.resolve("target"));
        if (built.isPresent()) {
            return List.of(built.get()); // a folder whose jar was built elsewhere (no pom to read)
        }
        if (hasClassesOrLib(code)) {
            return lambdaLayoutFolder(code);
        }
        throw new NotRunnable(logicalId + ": CodeUri " + code + " holds no pom.xml, no classes and no lib/*.jar");
    }

    /** "; run ./mvnw -pl examples/wild-rydes -am package" for the project whose wrapper is above {@code module}. */
    static String buildHint(Path module) {
        Path root = module;
        while (root != null && !Files.isRegularFile(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        if (root == null) {
            return Files.isRegularFile(module.resolve("pom.xml")) ? "; run mvn -f " + display(module.resolve("pom.xml")) + " package" : "";
        }
        String relative = root.relativize(module).toString();
        String command = relative.isEmpty() ? "./mvnw package" : "./mvnw -pl " + relative + " -am package";
        Path here = Path.of("").toAbsolutePath();
        return "; run " + (root.equals(here) ? command : "cd " + display(root) + " && " + command);
    }

    private static String display(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
    }

    private static boolean hasClassesOrLib(Path folder) {
        try (Stream<Path> files = Files.walk(folder, 8)) {
            return files.anyMatch(f -> f.toString().endsWith(".class")) || Files.isDirectory(folder.resolve("lib"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> lambdaLayoutFolder(Path folder) {
        List<Path> classpath = new ArrayList<>(List.of(folder));
        Path lib = folder.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().forEach(classpath::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classpath;
    }
}
