package dev.streamproc.local.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * THE one place where Athena's SQL dialect (Trino) meets DuckDB's. Queries are not rewritten: the
 * session is made to speak enough Trino for the queries users run on Athena, so the same text runs
 * in both places.
 *
 * <ul>
 *   <li>Session: time zone UTC (Athena evaluates timestamps in UTC); integer division truncates
 *       ({@code 7/2 = 3} in Trino, {@code 3.5} in DuckDB by default).</li>
 *   <li>Trino functions DuckDB lacks or spells differently become temporary macros:
 *       {@code from_iso8601_timestamp}, {@code from_iso8601_date}, {@code date_add(unit, n, ts)} (DuckDB's
 *       own two-argument form keeps working), {@code approx_distinct}, {@code approx_percentile},
 *       {@code array_join}, {@code regexp_like}, {@code from_unixtime}, {@code to_unixtime},
 *       {@code date_format} (MySQL format codes {@code %i}, {@code %s}, {@code %M}), {@code from_utf8}.</li>
 *   <li>Same in both, no translation needed: {@code CROSS JOIN UNNEST(a) AS t(x)}, {@code cardinality},
 *       {@code count_if}, {@code date_trunc}, {@code date_diff}, {@code hour}, {@code contains},
 *       {@code current_timestamp} (data is compared in UTC), {@code INTERVAL '24' HOUR},
 *       {@code from_base64}.</li>
 * </ul>
 */
public final class TrinoDialect {

    static final List<String> SESSION = List.of(
            "SET TimeZone = 'UTC'",
            "SET integer_division = true");

    static final List<String> MACROS = List.of(
            "CREATE OR REPLACE TEMP MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)",
            "CREATE OR REPLACE TEMP MACRO from_iso8601_date(s) AS CAST(s AS DATE)",
            "CREATE OR REPLACE TEMP MACRO date_add(d, i) AS d + i,"
                    + " (unit, n, ts) AS ts + CAST(CAST(n AS VARCHAR) || ' ' || unit AS INTERVAL)",
            "CREATE OR REPLACE TEMP MACRO approx_distinct(x) AS approx_count_distinct(x)",
            "CREATE OR REPLACE TEMP MACRO approx_percentile(x, p) AS approx_quantile(x, p)",
            "CREATE OR REPLACE TEMP MACRO array_join(a, sep) AS array_to_string(a, sep)",
            "CREATE OR REPLACE TEMP MACRO regexp_like(s, p) AS regexp_matches(s, p)",
            "CREATE OR REPLACE TEMP MACRO from_unixtime(s) AS to_timestamp(s)",
            "CREATE OR REPLACE TEMP MACRO to_unixtime(ts) AS epoch(ts)",
            "CREATE OR REPLACE TEMP MACRO date_format(ts, f) AS"
                    + " strftime(ts, replace(replace(replace(f, '%M', '%B'), '%i', '%M'), '%s', '%S'))",
            "CREATE OR REPLACE TEMP MACRO from_utf8(b) AS decode(b)");

    private TrinoDialect() {
    }

    /** Makes a fresh DuckDB connection understand the Trino dialect used by the Athena queries. */
    public static void prepare(Connection connection) throws SQLException {
        for (String sql : SESSION) {
            execute(connection, sql);
        }
        for (String sql : MACROS) {
            execute(connection, sql);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        // A failed statement closes its JDBC Statement in DuckDB: one Statement per SQL text.
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
