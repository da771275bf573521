package dev.streamproc.local.query;

import java.util.List;

/**
 * A query's answer: column names, DuckDB type names, and rows whose values are plain Java
 * (null, String, Number, Boolean, or List for arrays; timestamps as their SQL text).
 */
public record QueryResult(List<String> columns, List<String> types, List<List<Object>> rows) {

    public int rowCount() {
        return rows.size();
    }

    /** The value of a column in a row, by name. */
    public Object value(int row, String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.get(row).get(index);
    }
}
