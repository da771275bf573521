package dev.streamproc.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The tweet fixtures under src/test/resources/tweets, as the exact bytes a producer would put. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] tweet(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/tweets/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
