package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.query.AthenaDdl;
import dev.streamproc.local.query.LocalAthena;
import dev.streamproc.local.query.LocalPaths;
import dev.streamproc.local.query.ResultFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code streamproc query SQL|FILE [--format table|csv|json] [--data-dir D] [--ddl DIR]}: runs Athena
 * SQL locally over the files the local S3 holds (works after the stack is stopped).
 */
public final class QueryCommand {

    static final String USAGE = "usage: streamproc query SQL|FILE [--format table|csv|json] [--data-dir DIR] [--ddl DIR]";

    private QueryCommand() {
    }

    public static int run(List<String> args) {
        String sqlOrFile = null;
        ResultFormat format = ResultFormat.TABLE;
        Path dataDir = null;
        Path ddlDir = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--format" -> format = ResultFormat.parse(value(args, ++i, arg));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                    case "--ddl" -> ddlDir = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (sqlOrFile != null || arg.startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                        }
                        sqlOrFile = arg;
                    }
                }
            }
            if (sqlOrFile == null) {
                throw new IllegalArgumentException("give the SQL text or a .sql file");
            }
            Path root = dataDir == null || ddlDir == null ? RepoRoot.find() : null;
            dataDir = dataDir != null ? dataDir : LocalPaths.defaultDataDir(root);
            ddlDir = ddlDir != null ? ddlDir : root.resolve("athena/ddl");
            String sql = Files.isRegularFile(Path.of(sqlOrFile)) ? Files.readString(Path.of(sqlOrFile)) : sqlOrFile;
            try (LocalAthena athena = LocalAthena.open(AthenaDdl.readDirectory(ddlDir), LocalPaths.s3Dir(dataDir))) {
                System.out.print(format.render(athena.query(sql)));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("streamproc query: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        } catch (SQLException e) {
            System.err.println("streamproc query: the query failed: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("streamproc query: " + e.getMessage());
            return 1;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
