package dev.streamproc.lambdakit;

/** The first bytes of a rejected or logged record as one safe, readable log value. */
public final class ByteHead {

    public static final int LOGGED_BYTES = 64;

    private ByteHead() {
    }

    /** Printable ASCII as is, every other byte (and the backslash) as {@code \xNN}. */
    public static String escape(byte[] data) {
        int length = Math.min(data.length, LOGGED_BYTES);
        StringBuilder text = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            int b = data[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02X", b));
            }
        }
        if (data.length > length) {
            text.append("...");
        }
        return text.toString();
    }
}
