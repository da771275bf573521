package dev.streamproc.model;

import java.nio.charset.StandardCharsets;

/**
 * Record content made safe to show in a log line, a terminal or a CSV file: control characters (C0, DEL, C1), the
 * line and paragraph separators and the bidirectional overrides become visible escapes, so a record can neither
 * break a JSON log line nor move the cursor, retitle or clear a terminal, nor reorder what is shown around it.
 * Everything else, non-ASCII text included, stays as it is.
 */
public final class VisibleText {

    private VisibleText() {
    }

    /**
     * {@code text} with each unsafe character as {@code \xNN} (below U+0100) or a backslash, {@code u} and four hex digits. When
     * {@code escapeBackslash}, a backslash becomes {@code \\} so the escapes cannot be confused with the record's own
     * text (for logs); a table or CSV leaves backslashes as they are.
     */
    public static String escape(String text, boolean escapeBackslash) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escaped(c, escapeBackslash);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The first {@code maxBytes} bytes of a record, decoded as UTF-8 (bad bytes as U+FFFD), escaped for a log. */
    public static String head(byte[] data, int maxBytes) {
        int length = Math.min(data.length, maxBytes);
        String text = escape(new String(data, 0, length, StandardCharsets.UTF_8), true);
        return data.length > length ? text + "..." : text;
    }

    /** Whether {@code c} is shown escaped (backslash aside). */
    public static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) // C0, DEL, C1
                || c == '\u2028' || c == '\u2029' // line and paragraph separators
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') // bidi embeddings, isolates
                || c == '\u200E' || c == '\u200F' || c == '\u061C'; // bidi marks
    }

    private static String escaped(char c, boolean escapeBackslash) {
        if (c == '\\') {
            return escapeBackslash ? "\\\\" : null;
        }
        if (!isUnsafe(c)) {
            return null;
        }
        return c < 0x100 ? String.format("\\x%02X", (int) c) : "\\" + String.format("u%04X", (int) c);
    }
}
