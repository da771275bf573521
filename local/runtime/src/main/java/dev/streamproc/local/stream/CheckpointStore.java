package dev.streamproc.local.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The last fully handled sequence number of each shard, one small file per shard under
 * {@code <dataDir>/checkpoints/<consumer>/}, replaced atomically so a crash leaves the old or the new one.
 */
public final class CheckpointStore {

    private final Path dir;

    public CheckpointStore(Path dataDir, String consumerName) {
        this.dir = dataDir.resolve("checkpoints").resolve(safe(consumerName));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create checkpoint directory " + dir, e);
        }
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public Path directory() {
        return dir;
    }

    public Optional<String> read(String shardId) {
        Path file = dir.resolve(safe(shardId));
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).trim();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
    }

    public synchronized void write(String shardId, String sequenceNumber) {
        Path file = dir.resolve(safe(shardId));
        Path temp = dir.resolve(safe(shardId) + ".tmp");
        try {
            Files.writeString(temp, sequenceNumber + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }
}
