package dev.streamproc.local.cloud.process;

import dev.streamproc.local.cloud.LocalCloudException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's root directory, so servers and templates are found from any module's
 * working directory (tests run with cwd = module dir).
 */
public final class RepoRoot {

    /** System property that overrides the search. */
    public static final String PROPERTY = "streamproc.home";

    private RepoRoot() {
    }

    public static Path find() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv("STREAMPROC_HOME");
        }
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("local/cloud/node")) || Files.isRegularFile(dir.resolve("template.yaml"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new LocalCloudException("cannot find the streamproc project root above " + start
                + ": run from inside the project or set -D" + PROPERTY + "=<dir>");
    }

    /** kinesis-local's entry script under the repo root. */
    public static Path kinesisMain(Path root) {
        return root.resolve("local/cloud/node/node_modules/kinesis-local/main.js");
    }
}
