package dev.streamproc.local.query;

import java.util.ArrayList;
import java.util.List;

/** Small quote-aware helpers for SQL text: comments, statements, balanced parentheses. */
final class SqlText {

    private SqlText() {
    }

    /** Removes {@code --} and {@code /* *}{@code /} comments outside string literals. */
    static String withoutComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Splits on {@code ;} outside quotes; drops empty statements. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        for (String statement : splitTopLevel(sql, ';', false)) {
            if (!statement.isBlank()) {
                statements.add(statement.trim());
            }
        }
        return statements;
    }

    /**
     * Splits on a separator outside quotes and parentheses, and outside angle brackets when asked
     * (type lists such as {@code array<struct<a:int,b:int>>}; never for SQL, where {@code <} compares).
     */
    static List<String> splitTopLevel(String text, char separator, boolean angleBrackets) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = endOfQuoted(text, i);
                continue;
            }
            if (c == '(' || angleBrackets && c == '<') {
                depth++;
            } else if (c == ')' || angleBrackets && c == '>') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The text between the parenthesis at {@code open} and its matching close. */
    static String parenthesized(String text, int open) {
        if (text.charAt(open) != '(') {
            throw new IllegalArgumentException("expected '(' at " + open);
        }
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = endOfQuoted(text, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return text.substring(open + 1, i);
            }
            i++;
        }
        throw new IllegalArgumentException("unbalanced parentheses in: " + text);
    }

    /** Index just past the quoted token starting at {@code start}; a doubled quote is an escape. */
    static int endOfQuoted(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }
}
