package dev.streamproc.local.query;

import java.util.List;
import java.util.Locale;

/** Athena (Hive DDL) column types as DuckDB types: {@code array<string>} is {@code VARCHAR[]}, and so on. */
final class DuckDbTypes {

    private DuckDbTypes() {
    }

    static String of(String athenaType) {
        String type = athenaType.trim().toLowerCase(Locale.ROOT);
        if (type.startsWith("array<")) {
            return of(inner(type, "array")) + "[]";
        }
        if (type.startsWith("map<")) {
            List<String> kv = SqlText.splitTopLevel(inner(type, "map"), ',', true);
            return "MAP(" + of(kv.get(0)) + ", " + of(kv.get(1)) + ")";
        }
        if (type.startsWith("struct<")) {
            StringBuilder struct = new StringBuilder("STRUCT(");
            List<String> fields = SqlText.splitTopLevel(inner(type, "struct"), ',', true);
            for (int i = 0; i < fields.size(); i++) {
                String field = fields.get(i).trim();
                int colon = field.indexOf(':');
                struct.append(i == 0 ? "" : ", ").append('"').append(field, 0, colon).append("\" ").append(of(field.substring(colon + 1)));
            }
            return struct.append(')').toString();
        }
        if (type.startsWith("decimal")) {
            return type.toUpperCase(Locale.ROOT);
        }
        if (type.startsWith("varchar") || type.startsWith("char")) {
            return "VARCHAR";
        }
        return switch (type) {
            case "string" -> "VARCHAR";
            case "tinyint" -> "TINYINT";
            case "smallint" -> "SMALLINT";
            case "int", "integer" -> "INTEGER";
            case "bigint" -> "BIGINT";
            case "float" -> "FLOAT";
            case "double" -> "DOUBLE";
            case "boolean" -> "BOOLEAN";
            case "timestamp" -> "TIMESTAMP";
            case "date" -> "DATE";
            case "binary" -> "BLOB";
            default -> throw new IllegalArgumentException("Athena type not supported locally: " + athenaType);
        };
    }

    private static String inner(String type, String constructor) {
        return type.substring(constructor.length() + 1, type.lastIndexOf('>'));
    }
}
