package dev.streamproc.local.demo;

import dev.streamproc.local.query.AthenaDdl;
import dev.streamproc.local.query.LocalAthena;
import dev.streamproc.local.query.QueryResult;
import dev.streamproc.local.query.QueryWindow;
import dev.streamproc.local.query.ResultFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs every athena/queries/*.sql over the run's archive, as {@code streamproc query} would, and prints the answers.
 * Their "last 24 hours" windows end at the run's newest tweet (created_at), not at the clock, so that a replay of old
 * tweets shows its data; the output says which window it used. The files stay as Athena users run them.
 */
public final class DemoQueries {

    static final int ROWS_SHOWN = 10;

    private DemoQueries() {
    }

    /**
     * @param exampleTweetId replaces the {@code TWEET_ID} placeholder of the lookup query, so it finds a tweet of this run
     * @return each query file's result (or null when it failed; the error is printed)
     */
    public static Map<String, QueryResult> run(Path athenaDir, Path s3Dir, String exampleTweetId, PrintStream out) throws IOException {
        Map<String, QueryResult> results = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(athenaDir.resolve("queries"))) {
            files = list.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
        try (LocalAthena athena = LocalAthena.open(AthenaDdl.readDirectory(athenaDir.resolve("ddl")), s3Dir)) {
            Optional<QueryWindow> window = newestTweet(athena, out);
            window.ifPresent(w -> {
                out.println();
                out.println("The queries' \"last N hours\" end at the run's newest tweet (created_at " + w.end() + "), not at the clock;"
                        + " athena/queries/ keeps current_timestamp, as Athena runs them.");
            });
            for (Path file : files) {
                String sql = Files.readString(file);
                if (exampleTweetId != null) {
                    sql = sql.replace("TWEET_ID", exampleTweetId);
                }
                out.println();
                out.println("── " + file.getFileName() + ": " + question(sql));
                if (window.isPresent() && QueryWindow.followsTheClock(sql)) {
                    sql = window.get().anchor(sql);
                    out.println("   (window ending " + window.get().end() + ", the run's newest tweet)");
                }
                try {
                    QueryResult result = athena.query(sql);
                    results.put(file.getFileName().toString(), result);
                    QueryResult shown = result.rowCount() <= ROWS_SHOWN ? result
                            : new QueryResult(result.columns(), result.types(), result.rows().subList(0, ROWS_SHOWN));
                    out.print(ResultFormat.TABLE.render(shown));
                    if (shown != result) {
                        out.println("(first " + ROWS_SHOWN + " of " + result.rowCount() + " rows)");
                    }
                } catch (SQLException e) {
                    results.put(file.getFileName().toString(), null);
                    out.println("query failed: " + e.getMessage());
                }
            }
        }
        return results;
    }

    private static Optional<QueryWindow> newestTweet(LocalAthena athena, PrintStream out) {
        try {
            return QueryWindow.newestTweet(athena);
        } catch (SQLException e) {
            out.println("cannot find the run's newest tweet (" + e.getMessage() + "): the windows end at the clock");
            return Optional.empty();
        }
    }

    /** The first comment line of a query file: what it answers. */
    private static String question(String sql) {
        return sql.lines().filter(l -> l.startsWith("--")).findFirst().map(l -> l.substring(2).trim()).orElse("");
    }
}
