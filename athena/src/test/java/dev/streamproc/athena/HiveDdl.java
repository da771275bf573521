package dev.streamproc.athena;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hive DDL Athena runs for external tables ({@code CREATE EXTERNAL TABLE ... ROW FORMAT SERDE}). That is not
 * Trino syntax, so Trino's parser cannot check it: this reads the one shape our DDL files use, and fails on any
 * other, so the tests can compare its parts with the row schema and the template.
 */
record HiveDdl(String table, List<Column> columns, List<Column> partitionColumns, String serde, String location,
               Map<String, String> properties) {

    record Column(String name, String type) {
    }

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "CREATE EXTERNAL TABLE IF NOT EXISTS (\\w+) \\((.*?)\\)\\s*"
                    + "PARTITIONED BY \\((.*?)\\)\\s*"
                    + "ROW FORMAT SERDE '([^']+)'\\s*"
                    + "LOCATION '([^']+)'\\s*"
                    + "TBLPROPERTIES \\((.*)\\)",
            Pattern.DOTALL);
    private static final Pattern COLUMN = Pattern.compile("(\\w+)\\s+(\\S+)");
    private static final Pattern PROPERTY = Pattern.compile("'([^']*)'\\s*=\\s*'([^']*)'");

    /** The statements of a .sql file: whole-line {@code --} comments removed, split at a {@code ;} ending a line. */
    static List<String> statements(String sqlFile) {
        StringBuilder code = new StringBuilder();
        for (String line : sqlFile.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";\\s*(?:\n|$)")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    static HiveDdl parse(String statement) {
        Matcher m = CREATE_TABLE.matcher(statement.strip());
        if (!m.matches()) {
            throw new AssertionError("not a CREATE EXTERNAL TABLE of the expected shape:\n" + statement);
        }
        return new HiveDdl(m.group(1), columns(m.group(2)), columns(m.group(3)), m.group(4), m.group(5),
                properties(m.group(6)));
    }

    /** {@code name type, name type, ...}, splitting only at commas outside {@code <>} and {@code ()}. */
    private static List<Column> columns(String list) {
        List<Column> columns = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String definition = list.substring(start, i).strip();
                Matcher m = COLUMN.matcher(definition);
                if (!m.matches()) {
                    throw new AssertionError("not a column definition: '" + definition + "'");
                }
                columns.add(new Column(m.group(1), m.group(2).toLowerCase(Locale.ROOT)));
                start = i + 1;
            }
        }
        return columns;
    }

    private static Map<String, String> properties(String list) {
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher m = PROPERTY.matcher(list);
        int end = 0;
        while (m.find()) {
            if (!list.substring(end, m.start()).replace(",", "").isBlank()) {
                throw new AssertionError("unexpected text in TBLPROPERTIES: " + list.substring(end, m.start()));
            }
            if (properties.put(m.group(1), m.group(2)) != null) {
                throw new AssertionError("property set twice: " + m.group(1));
            }
            end = m.end();
        }
        if (!list.substring(end).isBlank()) {
            throw new AssertionError("unexpected text in TBLPROPERTIES: " + list.substring(end));
        }
        return properties;
    }
}
