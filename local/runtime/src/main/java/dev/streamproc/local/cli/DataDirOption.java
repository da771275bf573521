package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.LocalCloudConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir DIR}, shared by the commands: where the stack's files and state.json live. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the stack's data directory (default .streamproc under the project)")
    Path explicit;

    /** The given directory, absolute, or the project's {@code .streamproc}. */
    Path resolve() {
        return explicit != null ? explicit.toAbsolutePath() : LocalCloudConfig.defaultDataDir();
    }
}
