package dev.streamproc.examples.gamescores;

import dev.streamproc.lambdakit.ByteHead;
import dev.streamproc.lambdakit.StrictUtf8;
import java.util.Optional;

/**
 * A record's payload as one safe log value: UTF-8 text with control characters escaped (so a
 * payload cannot forge log lines or drive a terminal), or the escaped first bytes of what is
 * not UTF-8.
 */
public final class PayloadText {

    private PayloadText() {
    }

    public static String of(byte[] data) {
        Optional<String> text = StrictUtf8.decode(data);
        if (text.isEmpty()) {
            return "(not UTF-8) " + ByteHead.escape(data);
        }
        StringBuilder safe = new StringBuilder(text.get().length());
        text.get().codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '\\' || Character.getType(c) == Character.FORMAT) {
                safe.append(String.format("\\u%04X", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return safe.toString();
    }
}
