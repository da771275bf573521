package dev.streamproc.local.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the project's Athena DDL (athena/ddl/*.sql): the external tables and the views. The DDL is
 * the single source of truth for the local tables, so a query sees the same names, columns and types
 * locally as on Athena.
 */
public final class AthenaDdl {

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)^CREATE\\s+EXTERNAL\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([`\"\\w.]+)\\s*\\(");
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "(?is)^CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+([`\"\\w.]+)\\s+AS\\s+(.*)$");
    private static final Pattern PARTITIONED_BY = Pattern.compile("(?is)\\bPARTITIONED\\s+BY\\s*\\(");
    private static final Pattern LOCATION = Pattern.compile("(?is)\\bLOCATION\\s+'([^']*)'");
    private static final Pattern TBLPROPERTIES = Pattern.compile("(?is)\\bTBLPROPERTIES\\s*\\(");
    private static final Pattern SERDEPROPERTIES = Pattern.compile("(?is)\\bSERDEPROPERTIES\\s*\\(");
    private static final Pattern PROPERTY = Pattern.compile("'([^']*)'\\s*=\\s*'([^']*)'");

    /** A {@code CREATE VIEW}: its name and the Athena SQL of its body. */
    public record View(String schema, String name, String sql) {
    }

    private final List<AthenaTable> tables;
    private final List<View> views;

    private AthenaDdl(List<AthenaTable> tables, List<View> views) {
        this.tables = List.copyOf(tables);
        this.views = List.copyOf(views);
    }

    public List<AthenaTable> tables() {
        return tables;
    }

    public List<View> views() {
        return views;
    }

    public AthenaTable table(String name) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the DDL defines no table " + name));
    }

    /** Reads every *.sql file of the directory, in name order. */
    public static AthenaDdl readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Athena DDL directory not found: " + dir);
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                all.append(Files.readString(file)).append(";\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Athena DDL in " + dir, e);
        }
        return parse(all.toString());
    }

    public static AthenaDdl parse(String ddl) {
        List<AthenaTable> tables = new ArrayList<>();
        List<View> views = new ArrayList<>();
        for (String statement : SqlText.statements(SqlText.withoutComments(ddl))) {
            Matcher table = CREATE_TABLE.matcher(statement);
            Matcher view = CREATE_VIEW.matcher(statement);
            if (table.find()) {
                tables.add(table(statement, table));
            } else if (view.find()) {
                String[] name = qualifiedName(view.group(1));
                views.add(new View(name[0], name[1], view.group(2).trim()));
            }
        }
        return new AthenaDdl(tables, views);
    }

    private static AthenaTable table(String statement, Matcher header) {
        String[] name = qualifiedName(header.group(1));
        String columnList = SqlText.parenthesized(statement, header.end() - 1);
        int afterColumns = header.end() + columnList.length() + 1;
        String rest = statement.substring(afterColumns);

        List<AthenaTable.Column> partitions = List.of();
        Matcher partitioned = PARTITIONED_BY.matcher(rest);
        if (partitioned.find()) {
            partitions = columns(SqlText.parenthesized(rest, partitioned.end() - 1));
        }
        Matcher location = LOCATION.matcher(rest);
        return new AthenaTable(name[0], name[1], columns(columnList), partitions,
                location.find() ? location.group(1) : "",
                properties(rest, TBLPROPERTIES), properties(rest, SERDEPROPERTIES));
    }

    private static List<AthenaTable.Column> columns(String list) {
        List<AthenaTable.Column> columns = new ArrayList<>();
        for (String definition : SqlText.splitTopLevel(list, ',', true)) {
            String text = definition.trim().replaceFirst("(?is)\\s+COMMENT\\s+'.*$", "");
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException("cannot read the column definition '" + definition.trim() + "'");
            }
            columns.add(new AthenaTable.Column(unquoteKeepCase(parts[0]), parts[1].trim().toLowerCase(Locale.ROOT)));
        }
        return columns;
    }

    private static Map<String, String> properties(String text, Pattern keyword) {
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher start = keyword.matcher(text);
        if (start.find()) {
            Matcher property = PROPERTY.matcher(SqlText.parenthesized(text, start.end() - 1));
            while (property.find()) {
                properties.put(property.group(1), property.group(2));
            }
        }
        return properties;
    }

    private static String[] qualifiedName(String name) {
        String[] parts = name.split("\\.");
        String last = unquote(parts[parts.length - 1]);
        return new String[] {parts.length > 1 ? unquote(parts[0]) : null, last};
    }

    private static String unquote(String identifier) {
        return unquoteKeepCase(identifier).toLowerCase(Locale.ROOT);
    }

    /** Column names keep the DDL's spelling: it is also the JSON key the files are read by. */
    private static String unquoteKeepCase(String identifier) {
        return identifier.replaceAll("^[`\"]|[`\"]$", "");
    }
}
