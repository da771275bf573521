package dev.streamproc.local.query;

import java.nio.file.Path;

/** Where the local stack keeps its data, as far as reading the landed files is concerned. */
public final class LocalPaths {

    private LocalPaths() {
    }

    /** The data directory used when none is given. */
    public static Path defaultDataDir(Path repoRoot) {
        return repoRoot.resolve(".streamproc");
    }

    /** The local S3's base directory inside a data directory: objects are {@code <s3Dir>/<bucket>/<key>}. */
    public static Path s3Dir(Path dataDir) {
        return dataDir.resolve("s3");
    }
}
