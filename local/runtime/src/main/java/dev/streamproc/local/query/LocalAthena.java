package dev.streamproc.local.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Athena, locally: DuckDB over the files the local S3 holds, with the tables and views of the Athena
 * DDL and the Trino dialect of {@link TrinoDialect}. Needs only the files: no server has to run.
 */
public final class LocalAthena implements AutoCloseable {

    private final Connection connection;
    private final Path scratch;

    private LocalAthena(Connection connection, Path scratch) {
        this.connection = connection;
        this.scratch = scratch;
    }

    /**
     * @param ddl   the Athena DDL (tables and views)
     * @param s3Dir the local S3's base directory: {@code <s3Dir>/<bucket>/<key>}
     */
    public static LocalAthena open(AthenaDdl ddl, Path s3Dir) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("streamproc-duckdb");
            Properties properties = new Properties();
            // DuckDB would otherwise use ~/.duckdb, which may not exist or be writable.
            properties.setProperty("home_directory", scratch.toString());
            properties.setProperty("temp_directory", scratch.resolve("tmp").toString());
            Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            LocalAthena athena = new LocalAthena(connection, scratch);
            TrinoDialect.prepare(connection);
            for (AthenaTable table : ddl.tables()) {
                athena.register(table, s3Dir);
            }
            for (AthenaDdl.View view : ddl.views()) {
                athena.createView(view.schema(), view.name(), view.sql());
            }
            athena.confineTo(s3Dir);
            return athena;
        } catch (SQLException e) {
            deleteQuietly(scratch);
            throw new IllegalStateException("cannot prepare the local Athena tables: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Within Athena's reach only, once the tables are set up: files under the local S3's directory and nothing else
     * (no other file, no network, no extension install, no database attach), and a configuration no query can
     * change back. Settings verified on duckdb_jdbc 2.0.0.1 (DuckDB 2.0.0): with {@code enable_external_access}
     * off, {@code allowed_directories} still reads the listed directories; {@code lock_configuration} refuses
     * every later {@code SET}.
     */
    private void confineTo(Path s3Dir) throws SQLException {
        String dir = s3Dir.toAbsolutePath().normalize().toString();
        execute("SET allowed_directories = [" + literal(dir.endsWith("/") ? dir : dir + "/") + "]");
        execute("SET enable_external_access = false");
        execute("SET autoinstall_known_extensions = false");
        execute("SET autoload_known_extensions = false");
        execute("SET lock_configuration = true");
    }

    /**
     * Runs one Athena (Trino) SQL query. As Athena, one statement and read-only: anything but a single query
     * ({@code SELECT}, {@code WITH}, {@code VALUES}) is refused before it runs, so neither {@code COPY ... TO} into
     * the archive's directory nor a second statement gets through.
     */
    public QueryResult query(String athenaSql) throws SQLException {
        String sql = SqlText.withoutComments(athenaSql).trim();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).trim();
        }
        requireOneQuery(sql);
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
                types.add(meta.getColumnTypeName(i));
            }
            List<List<Object>> values = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(plain(rows.getObject(i), rows.getString(i)));
                }
                values.add(row);
            }
            return new QueryResult(columns, types, values);
        }
    }

    /** DuckDB's own parser says what the text is: {@code json_serialize_sql} serializes SELECT statements only. */
    private void requireOneQuery(String sql) throws SQLException {
        String parsed;
        try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT json_serialize_sql(?)")) {
            statement.setString(1, sql);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                parsed = rows.getString(1);
            }
        }
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(parsed);
        } catch (IOException e) {
            throw new SQLException("cannot read DuckDB's parse of the query: " + e.getMessage(), e);
        }
        if (tree.path("error").asBoolean(false)) {
            String message = tree.path("error_message").asText("");
            throw new SQLException(message.startsWith("Only SELECT")
                    ? "only a query (SELECT or WITH) can run: local SQL is read-only, as Athena's"
                    : message);
        }
        int statements = tree.path("statements").size();
        if (statements != 1) {
            throw new SQLException(statements == 0 ? "no statement to run"
                    : "one statement at a time: this text holds " + statements);
        }
    }

    private void register(AthenaTable table, Path s3Dir) throws SQLException {
        LandedFiles landed = new LandedFiles(table);
        List<Path> files = landed.list(s3Dir);
        String fileList = files.stream().map(f -> literal(f.toString())).collect(Collectors.joining(", ", "[", "]"));
        Map<String, List<String>> keys = files.isEmpty() ? Map.of() : jsonKeysByColumn(table, fileList);
        StringBuilder select = new StringBuilder("SELECT ");
        select.append(table.columns().stream().map(c -> columnExpression(c, keys.getOrDefault(c.name().toLowerCase(Locale.ROOT), List.of())))
                .collect(Collectors.joining(", ")));
        for (AthenaTable.Column partition : table.partitionColumns()) {
            select.append(", CAST(").append(files.isEmpty() ? "NULL"
                            : "regexp_extract(filename, " + literal(landed.fileNameRegex()) + ", " + landed.partitionGroup(partition.name()) + ")")
                    .append(" AS ").append(DuckDbTypes.of(partition.athenaType())).append(") AS ").append(quote(partition.name()));
        }
        List<String> readColumns = new ArrayList<>();
        for (AthenaTable.Column column : table.columns()) {
            for (String key : keys.getOrDefault(column.name().toLowerCase(Locale.ROOT), List.of())) {
                readColumns.add(literal(key) + ": " + literal(DuckDbTypes.of(column.athenaType())));
            }
        }
        if (files.isEmpty()) {
            // read_json fails on an empty file list: an empty table has the same columns and types.
            select.append(" FROM (SELECT CAST(NULL AS VARCHAR) AS filename) WHERE false");
        } else if (readColumns.isEmpty()) {
            // No line has any of the columns: one row of NULLs per line, as Athena returns.
            select.append(" FROM read_ndjson_objects(").append(fileList).append(", compression = 'auto', filename = true)");
        } else {
            select.append(" FROM read_json(").append(fileList)
                    .append(", format = 'newline_delimited', compression = 'auto', filename = true, columns = {")
                    .append(String.join(", ", readColumns)).append('}')
                    .append(table.ignoresMalformedJson() ? ", ignore_errors = true" : "")
                    .append(')');
        }
        createView(table.schema(), table.name(), select.toString());
    }

    /**
     * The JSON keys each column is read from. Athena's JSON SerDes match keys to columns ignoring case
     * ({@code errorcode} reads Firehose's {@code errorCode}), DuckDB's reader does not: so the keys the files
     * really have are listed first, and a column takes every spelling of its name (or of its SerDe
     * {@code mapping.<column>}).
     */
    private Map<String, List<String>> jsonKeysByColumn(AthenaTable table, String fileList) throws SQLException {
        Map<String, String> wanted = new HashMap<>();
        for (AthenaTable.Column column : table.columns()) {
            String key = table.serdeProperties().getOrDefault("mapping." + column.name().toLowerCase(Locale.ROOT), column.name());
            wanted.put(key.toLowerCase(Locale.ROOT), column.name().toLowerCase(Locale.ROOT));
        }
        Map<String, List<String>> keys = new HashMap<>();
        String sql = "SELECT DISTINCT unnest(json_keys(json)) FROM read_ndjson_objects(" + fileList + ", compression = 'auto'"
                + (table.ignoresMalformedJson() ? ", ignore_errors = true" : "") + ") ORDER BY 1";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                String key = rows.getString(1);
                String column = wanted.get(key.toLowerCase(Locale.ROOT));
                if (column != null) {
                    keys.computeIfAbsent(column, c -> new ArrayList<>()).add(key);
                }
            }
        }
        return keys;
    }

    private static String columnExpression(AthenaTable.Column column, List<String> keys) {
        String type = DuckDbTypes.of(column.athenaType());
        String value = keys.isEmpty() ? "CAST(NULL AS " + type + ")"
                : keys.size() == 1 ? quote(keys.get(0))
                : keys.stream().map(LocalAthena::quote).collect(Collectors.joining(", ", "coalesce(", ")"));
        return value + " AS " + quote(column.name());
    }

    private void createView(String schema, String name, String sql) throws SQLException {
        execute("CREATE OR REPLACE TEMP VIEW " + quote(name) + " AS " + sql);
        if (schema != null) {
            // Queries may name the Athena database: db.table resolves to the same view.
            execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            execute("CREATE OR REPLACE VIEW " + quote(schema) + "." + quote(name) + " AS SELECT * FROM temp.main." + quote(name));
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Object plain(Object value, String text) throws SQLException {
        if (value == null) {
            return null;
        }
        if (value instanceof Array array) {
            return Arrays.stream((Object[]) array.getArray()).map(v -> v instanceof Number || v instanceof Boolean || v == null ? v : v.toString()).toList();
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue(); // DuckDB sums and counts into HUGEINT; Trino's are BIGINT
        }
        if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof Double || value instanceof Float
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        return text;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing an in-memory database cannot lose anything
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
