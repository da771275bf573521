package dev.streamproc.local.console;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;

/**
 * JSON output in which {@code < > & '} are written as a backslash-u escape: the API's
 * answers carry record text, and even a browser that sniffed one as HTML would find no markup in it.
 */
final class HtmlSafeEscapes extends CharacterEscapes {

    private final int[] escapes;

    HtmlSafeEscapes() {
        escapes = standardAsciiEscapesForJSON();
        for (char c : new char[] {'<', '>', '&', '\''}) {
            escapes[c] = ESCAPE_STANDARD;
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return null; // only the standard \\uXXXX form, chosen by ESCAPE_STANDARD
    }
}
