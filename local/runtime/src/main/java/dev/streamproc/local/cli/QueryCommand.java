package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.query.AthenaDdl;
import dev.streamproc.local.query.LocalAthena;
import dev.streamproc.local.query.LocalPaths;
import dev.streamproc.local.query.ResultFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code streamproc query SQL|FILE [--format table|csv|json] [--data-dir D] [--ddl DIR]}: runs Athena
 * SQL locally over the files the local S3 holds (works after the stack is stopped).
 */
@Command(name = "query", description = "run Athena SQL locally over the landed S3 files")
public final class QueryCommand implements Callable<Integer> {

    @ParentCommand
    Streamproc streamproc;

    @Parameters(index = "0", paramLabel = "SQL|FILE", description = "the SQL text or a .sql file")
    String sqlOrFile;

    @Option(names = "--format", paramLabel = "table|csv|json", converter = ResultFormats.class, description = "default: table")
    ResultFormat format = ResultFormat.TABLE;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the stack's data directory (default .streamproc under the project)")
    Path dataDir;

    @Option(names = "--ddl", paramLabel = "DIR", description = "the Athena DDL (default athena/ddl of the project)")
    Path ddlDir;

    /** {@code streamproc query args...} on System.out and System.err. */
    public static int run(List<String> args) {
        List<String> all = new ArrayList<>(List.of("query"));
        all.addAll(args);
        return Streamproc.run(all);
    }

    @Override
    public Integer call() {
        PrintStream err = streamproc.err();
        try {
            Path root = dataDir == null || ddlDir == null ? RepoRoot.find() : null;
            Path data = dataDir != null ? dataDir : LocalPaths.defaultDataDir(root);
            Path ddl = ddlDir != null ? ddlDir : root.resolve("athena/ddl");
            String sql = Files.isRegularFile(Path.of(sqlOrFile)) ? Files.readString(Path.of(sqlOrFile)) : sqlOrFile;
            try (LocalAthena athena = LocalAthena.open(AthenaDdl.readDirectory(ddl), LocalPaths.s3Dir(data))) {
                streamproc.out().print(format.render(athena.query(sql)));
            }
            return 0;
        } catch (SQLException e) {
            err.println("streamproc query: the query failed: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("streamproc query: " + e.getMessage());
            return 1;
        }
    }

    /** {@code table}, {@code csv} or {@code json}, in ResultFormat's words when it is none of them. */
    static final class ResultFormats implements picocli.CommandLine.ITypeConverter<ResultFormat> {
        @Override
        public ResultFormat convert(String text) {
            try {
                return ResultFormat.parse(text);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
