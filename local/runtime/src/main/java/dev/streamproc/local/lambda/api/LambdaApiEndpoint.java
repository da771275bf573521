package dev.streamproc.local.lambda.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the running stack's Lambda API answers, kept in {@code <dataDir>/lambda-api.endpoint} while the runtime
 * runs, so {@code streamproc env} can print {@code AWS_ENDPOINT_URL_LAMBDA} from another process.
 */
public final class LambdaApiEndpoint {

    static final String FILE = "lambda-api.endpoint";

    private LambdaApiEndpoint() {
    }

    public static void write(Path dataDir, String endpoint) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(FILE), endpoint + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the Lambda API endpoint in " + dataDir, e);
        }
    }

    public static Optional<String> read(Path dataDir) {
        try {
            Path file = dataDir.resolve(FILE);
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            // a stale file only makes env print an endpoint that no longer answers
        }
    }
}
