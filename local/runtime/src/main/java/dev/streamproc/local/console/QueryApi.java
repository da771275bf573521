package dev.streamproc.local.console;

import dev.streamproc.local.query.AthenaDdl;
import dev.streamproc.local.query.LocalAthena;
import dev.streamproc.local.query.QueryResult;
import dev.streamproc.local.query.ResultFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Athena's query editor: the template's named queries, running Athena SQL with the engine of {@code streamproc query}
 * ({@link LocalAthena} over the local S3's files), results kept for paging and CSV download, and a history.
 */
public final class QueryApi {

    static final int KEPT_RESULTS = 20;
    static final int MAX_PAGE = 500;
    static final int HISTORY_SHOWN = 50;

    public record NamedQuery(String name, String description, String database, String sql) {
    }

    /** @param rows the page's rows (values as JSON) */
    public record ResultPage(String id, List<String> columns, List<String> types, List<List<Object>> rows, int page, int pageSize,
                             int rowCount, long millis) {
    }

    public record HistoryEntry(String id, String at, String sql, Integer rows, long millis, String error) {
    }

    private record Kept(QueryResult result, long millis) {
    }

    private final ConsoleSources sources;
    private final Path historyFile;
    private final Map<String, Kept> results = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > KEPT_RESULTS;
        }
    };

    public QueryApi(ConsoleSources sources) {
        this.sources = sources;
        this.historyFile = sources.dataDir().resolve("console").resolve("query-history.jsonl");
    }

    public void register(Routes routes) {
        routes.get("/queries", r -> Map.of("named", named(), "history", history(), "available", sources.athenaDir() != null));
        routes.post("/queries/run", r -> run(r.bodyText("sql"), r.body().path("pageSize").asInt(100)));
        routes.get("/queries/{id}", r -> page(r.path(0), r.intParam("page", 0, 0, Integer.MAX_VALUE), r.intParam("size", 100, 1, MAX_PAGE)));
        routes.get("/queries/{id}/csv", r -> ApiResponse.csv(ResultFormat.CSV.render(kept(r.path(0)).result()), "query-" + r.path(0) + ".csv"));
    }

    public List<NamedQuery> named() {
        var t = sources.template();
        return t.resourcesOfType("AWS::Athena::NamedQuery").stream().map(r -> new NamedQuery(
                r.string("Name") != null ? r.string("Name") : r.logicalId(), r.string("Description"), r.string("Database"),
                r.string("QueryString"))).toList();
    }

    ResultPage run(String sql, int pageSize) throws IOException {
        if (sources.athenaDir() == null) {
            throw new ApiException(409, "no athena/ddl folder beside the template: there are no tables to query");
        }
        if (sql.isBlank()) {
            throw new ApiException(400, "the query is empty");
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        long begin = System.nanoTime();
        try (LocalAthena athena = LocalAthena.open(AthenaDdl.readDirectory(sources.athenaDir().resolve("ddl")), sources.s3Dir())) {
            QueryResult result = athena.query(sql);
            long millis = (System.nanoTime() - begin) / 1_000_000;
            synchronized (results) {
                results.put(id, new Kept(result, millis));
            }
            remember(new HistoryEntry(id, Instant.now().toString(), sql, result.rowCount(), millis, null));
            return page(id, 0, Math.max(1, Math.min(MAX_PAGE, pageSize)));
        } catch (SQLException e) {
            long millis = (System.nanoTime() - begin) / 1_000_000;
            remember(new HistoryEntry(id, Instant.now().toString(), sql, null, millis, e.getMessage()));
            throw new ApiException(400, "the query failed: " + e.getMessage());
        }
    }

    ResultPage page(String id, int page, int size) {
        Kept kept = kept(id);
        List<List<Object>> rows = kept.result().rows();
        int from = (int) Math.min(rows.size(), (long) page * size);
        int to = Math.min(rows.size(), from + size);
        return new ResultPage(id, kept.result().columns(), kept.result().types(), rows.subList(from, to), page, size, rows.size(), kept.millis());
    }

    private Kept kept(String id) {
        synchronized (results) {
            Kept kept = results.get(id);
            if (kept == null) {
                throw new ApiException(404, "the result of query " + id + " is no longer kept: run it again");
            }
            return kept;
        }
    }

    private synchronized void remember(HistoryEntry entry) throws IOException {
        Files.createDirectories(historyFile.getParent());
        Files.writeString(historyFile, ConsoleServer.JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The newest entries first. */
    synchronized List<HistoryEntry> history() throws IOException {
        if (!Files.exists(historyFile)) {
            return List.of();
        }
        List<String> lines = LogTail.before(historyFile, -1, null, HISTORY_SHOWN).lines();
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                entries.add(ConsoleServer.JSON.readValue(lines.get(i), HistoryEntry.class));
            } catch (IOException unreadable) {
                // a line cut by a crash: skip it
            }
        }
        return entries;
    }
}
