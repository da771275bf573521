package dev.streamproc.local.cloud.server;

import dev.streamproc.local.cloud.process.LoopbackPorts;
import java.util.List;

/** A server embedded in this JVM that speaks plain HTTP on one loopback port (DynamoDB, S3, SSM, SQS). */
public interface SinglePortServer extends LocalServer {

    int port();

    @Override
    default List<Integer> ports() {
        return List.of(port());
    }

    @Override
    default String endpoint() {
        return "http://" + LoopbackPorts.LOOPBACK + ":" + port();
    }

    /** Accepting connections on its port. */
    @Override
    default boolean isAlive() {
        return LoopbackPorts.accepting(port());
    }
}
