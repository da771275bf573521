package dev.streamproc.local.cloud.process;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.cloud.Endpoints;
import dev.streamproc.local.cloud.LocalCloudException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code <dataDir>/state.json}: what a running local cloud started, so {@code down}, {@code status} and {@code env}
 * in another process can find it.
 *
 * @param pid the JVM that runs the embedded servers and owns the child processes
 */
public record LocalState(long pid, String startedAt, String dataDir, String stackName, String template, Endpoints endpoints,
                         List<Server> servers) {

    /** One server: its process (the JVM for embedded ones), port and endpoint. */
    public record Server(String name, long pid, List<Integer> ports, String endpoint) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalCloudException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static Optional<LocalState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), LocalState.class));
        } catch (IOException e) {
            throw new LocalCloudException("cannot read " + file + " (" + e.getMessage() + "): delete it if no local cloud is running", e);
        }
    }
}
