package dev.streamproc.local.cloud.server;

import java.util.List;

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

    /** Stops it; a server that does not stop cleanly throws. */
    @Override
    void close();
}
