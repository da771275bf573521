package dev.streamproc.local.cloud.server;

import java.util.List;
import java.util.Optional;

/**
 * One server of the local cloud (Kinesis, DynamoDB, S3, SSM, SQS) as {@code LocalCloud} sees it: started on
 * 127.0.0.1, probed, recorded in state.json and stopped, all in one loop over the five.
 */
public interface LocalServer extends AutoCloseable {

    /** Its short name in health, state.json and {@code status}: kinesis, dynamodb, s3, ssm or sqs. */
    String name();

    /** The ports it listens on, all on 127.0.0.1. */
    List<Integer> ports();

    /** The endpoint the stack advertises and SDK clients use. */
    String endpoint();

    /** The process that serves it: this JVM for the embedded servers. */
    default long pid() {
        return ProcessHandle.current().pid();
    }

    /** Whether it answers now. */
    boolean isAlive();

    /** True when its process is known to be gone (not merely slow to answer): no need to wait before acting. */
    default boolean exited() {
        return false;
    }

    /**
     * After it died: the same server again, on the same ports, with the data it had kept — or empty when a restart
     * would lose its data (e.g. in-memory tables), so that the user is told what to run instead.
     */
    default Optional<LocalServer> restartWithItsData() {
        return Optional.empty();
    }

    /** Stops it; a server that does not stop cleanly throws. */
    @Override
    void close();
}
