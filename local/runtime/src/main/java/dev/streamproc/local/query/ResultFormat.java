package dev.streamproc.local.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.model.VisibleText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How {@code streamproc query} and {@code items} print a result: an aligned table, CSV, or JSON (an array of
 * objects). Values are record content: in a table and in CSV their control characters are shown as escapes
 * ({@link VisibleText}), so a tweet cannot retitle, clear or rewrite the user's terminal; JSON escapes them itself.
 */
public enum ResultFormat {
    TABLE, CSV, JSON;

    /** Table cells longer than this are cut (tweets are long); csv and json are never cut. */
    static final int MAX_CELL = 60;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static ResultFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "': use table, csv or json");
        }
    }

    public String render(QueryResult result) {
        return switch (this) {
            case TABLE -> table(result);
            case CSV -> csv(result);
            case JSON -> json(result);
        };
    }

    private static String table(QueryResult result) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(result.columns().stream().map(c -> VisibleText.escape(c, false)).toList());
        for (List<Object> row : result.rows()) {
            cells.add(row.stream().map(v -> cut(VisibleText.escape(text(v).replace('\n', ' '), false))).toList());
        }
        int[] widths = new int[result.columns().size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            List<String> row = cells.get(r);
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "" : " | ").append(pad(row.get(i), widths[i], isNumber(result, r, i)));
            }
            out.append('\n');
            if (r == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
                }
                out.append('\n');
            }
        }
        out.append('(').append(result.rowCount()).append(result.rowCount() == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    private static String csv(QueryResult result) {
        StringBuilder out = new StringBuilder();
        out.append(result.columns().stream().map(ResultFormat::csvField).collect(Collectors.joining(","))).append('\n');
        for (List<Object> row : result.rows()) {
            out.append(row.stream().map(v -> v == null ? "" : csvField(text(v))).collect(Collectors.joining(","))).append('\n');
        }
        return out.toString();
    }

    private static String json(QueryResult result) {
        ArrayNode rows = MAPPER.createArrayNode();
        for (List<Object> row : result.rows()) {
            ObjectNode object = rows.addObject();
            for (int i = 0; i < row.size(); i++) {
                object.set(result.columns().get(i), MAPPER.valueToTree(row.get(i)));
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ResultFormat::text).collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }

    /** A quoted CSV field may span lines, so newlines stay; every other control character is escaped. */
    private static String csvField(String raw) {
        String text = raw.indexOf('\n') < 0 ? VisibleText.escape(raw, false)
                : String.join("\n", Arrays.stream(raw.split("\n", -1)).map(line -> VisibleText.escape(line, false)).toList());
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String cut(String text) {
        return text.codePointCount(0, text.length()) <= MAX_CELL ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_CELL - 1)) + "…";
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private static boolean isNumber(QueryResult result, int row, int column) {
        return row > 0 && result.rows().get(row - 1).get(column) instanceof Number;
    }

    private static String pad(String text, int width, boolean right) {
        String padding = " ".repeat(width - width(text));
        return right ? padding + text : text + padding;
    }
}
