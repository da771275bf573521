package dev.streamproc.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the tweet fixtures in src/test/resources/tweets as raw bytes, exactly as a record would carry them. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/tweets/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Tweet tweet(String name) {
        ParseResult result = TweetParser.parse(bytes(name));
        if (result instanceof ParseResult.Parsed parsed) {
            return parsed.tweet();
        }
        throw new AssertionError(name + " did not parse: " + result);
    }
}
