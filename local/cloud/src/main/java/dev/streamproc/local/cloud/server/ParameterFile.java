package dev.streamproc.local.cloud.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.cloud.LocalCloudException;
import dev.streamproc.local.cloud.server.ParameterStore.Parameter;
import dev.streamproc.local.cloud.server.ParameterStore.Type;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parameter Store's versions on disk ({@code up --persist}). The file holds SecureString values in clear, so it is
 * created readable by its owner only (0600) — at creation, never widened and narrowed afterwards — and replaced
 * atomically, so a crash leaves the old file or the new one.
 */
final class ParameterFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FileAttribute<?>[] OWNER_ONLY = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];

    private final Path file;

    ParameterFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path path() {
        return file;
    }

    /** Writes every version: into a new owner-only file beside the old one, then moved over it. */
    void write(List<Parameter> versions) throws IOException {
        ArrayNode array = JSON.createArrayNode();
        for (Parameter p : versions) {
            ObjectNode node = array.addObject().put("name", p.name()).put("type", p.type().awsName()).put("value", p.value())
                    .put("version", p.version()).put("lastModified", p.lastModified().toString());
            if (p.description() != null) {
                node.put("description", p.description());
            }
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp); // one left by a killed run may have other permissions: never write into it
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(tmp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY))) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, array);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The stored versions; none when the file does not exist. */
    List<Parameter> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Parameter> versions = new ArrayList<>();
            for (JsonNode node : JSON.readTree(file.toFile())) {
                versions.add(new Parameter(node.path("name").asText(), Type.fromAws(node.path("type").asText()), node.path("value").asText(),
                        node.path("version").asLong(), Instant.parse(node.path("lastModified").asText()),
                        node.hasNonNull("description") ? node.get("description").asText() : null));
            }
            return versions;
        } catch (IOException | RuntimeException e) {
            throw new LocalCloudException("cannot read persisted parameters " + file + ": " + e.getMessage() + " (delete it to start fresh)", e);
        }
    }
}
