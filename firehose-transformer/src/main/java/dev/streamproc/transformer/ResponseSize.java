package dev.streamproc.transformer;

/**
 * The exact size of the response JSON Firehose receives, {@code {"records":[{"recordId":..,"result":..,"data":..}]}},
 * computed without building it.
 */
final class ResponseSize {

    static final int ENVELOPE = "{\"records\":[]}".length();
    private static final int ENTRY = "{\"recordId\":\"\",\"result\":\"\",\"data\":\"\"}".length();

    private ResponseSize() {
    }

    /** One entry plus the comma that separates it from the previous one. */
    static long entry(String recordId, Result result, int dataBytes) {
        return ENTRY + 1L + jsonStringBytes(recordId) + result.name().length() + base64Length(dataBytes);
    }

    static long base64Length(int bytes) {
        return 4L * ((bytes + 2L) / 3);
    }

    /** UTF-8 bytes of a JSON string body, counting escapes the way Jackson writes them. */
    static long jsonStringBytes(String s) {
        long length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                length += 2;
            } else if (c < 0x20) {
                length += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
            } else if (c < 0x80) {
                length += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                length += 2; // a surrogate pair is 4 bytes of UTF-8, 2 per half
            } else {
                length += 3;
            }
        }
        return length;
    }
}
