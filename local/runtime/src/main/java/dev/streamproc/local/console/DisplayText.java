package dev.streamproc.local.console;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Record bytes as the console shows them: text when they are valid UTF-8, with every control or direction-changing
 * character written as a visible escape (a backslash, u and four hex digits), else base64. The page still puts the result in the DOM as
 * text only; this makes invisible characters visible, it is not what keeps markup from running.
 *
 * @param text   the escaped text, or null when the bytes are not UTF-8
 * @param base64 the bytes in base64 when they are not UTF-8, else null
 */
public record DisplayText(String text, String base64, int bytes) {

    public static DisplayText of(byte[] data) {
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
            return new DisplayText(escapeControls(decoded), null, data.length);
        } catch (CharacterCodingException e) {
            return new DisplayText(null, Base64.getEncoder().encodeToString(data), data.length);
        }
    }

    /** Control characters (C0, DEL, C1), line/paragraph separators and bidi overrides as a backslash, u and four hex digits. */
    public static String escapeControls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
