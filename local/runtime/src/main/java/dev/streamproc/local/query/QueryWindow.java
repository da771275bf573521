package dev.streamproc.local.query;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end of the named queries' "last N hours" windows when they run over one run's own data: the newest tweet's
 * created_at instead of the clock. The files in athena/queries/ say {@code current_timestamp} (what Athena users
 * run); after a replay of old tweets that window holds nothing, so the demo puts this instant in its place.
 */
public record QueryWindow(Instant end) {

    private static final Pattern CLOCK = Pattern.compile("(?i)\\bcurrent_timestamp\\b");
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** Whether a query's window follows the clock (and so would move to {@link #end}). */
    public static boolean followsTheClock(String sql) {
        return CLOCK.matcher(sql).find();
    }

    /** The query with every {@code current_timestamp} replaced by this window's end, as a UTC timestamp literal. */
    public String anchor(String sql) {
        return CLOCK.matcher(sql).replaceAll(Matcher.quoteReplacement(literal()));
    }

    /** {@code TIMESTAMP 'yyyy-MM-dd HH:mm:ss.SSS'}: valid in Athena (Trino) and locally, UTC as Athena evaluates. */
    public String literal() {
        return "TIMESTAMP '" + LITERAL.format(end) + "'";
    }

    /** The newest created_at of the tweets table, or empty when it holds no tweet. */
    public static Optional<QueryWindow> newestTweet(LocalAthena athena) throws SQLException {
        QueryResult newest = athena.query("SELECT max(created_at) AS newest FROM tweets");
        Object value = newest.rowCount() == 0 ? null : newest.value(0, "newest");
        return Optional.ofNullable(value).map(QueryWindow::instant).map(QueryWindow::new);
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC); // the session is UTC
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Instant t) {
            return t;
        }
        return LocalDateTime.parse(value.toString().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
