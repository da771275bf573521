package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.LocalCloudConfig;
import java.nio.file.Path;
import java.util.List;

/** Small helpers for hand-parsed command-line options. */
final class CliArgs {

    private CliArgs() {
    }

    static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    /** {@code NAME=VALUE} → [NAME, VALUE]. */
    static String[] keyValue(String text, String option) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " expects NAME=VALUE, got '" + text + "'");
        }
        return new String[] {text.substring(0, eq), text.substring(eq + 1)};
    }

    static Path dataDir(Path explicit) {
        return explicit != null ? explicit.toAbsolutePath() : LocalCloudConfig.defaultDataDir();
    }

    /** Parses {@code --data-dir DIR} only (down, status, env). */
    static Path dataDirOnly(List<String> args, String usage) {
        Path dataDir = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                case "-h", "--help" -> throw new IllegalArgumentException(usage);
                default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'; " + usage);
            }
        }
        return dataDir(dataDir);
    }
}
