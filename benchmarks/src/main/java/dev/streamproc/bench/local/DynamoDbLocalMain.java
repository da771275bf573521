package dev.streamproc.bench.local;

import dev.streamproc.local.cloud.server.DynamoDbServer;
import java.io.IOException;

/**
 * DynamoDB Local (in memory, 127.0.0.1, a free port) as a process of its own for the benches: prints
 * {@value #READY} and its port, and stops when its standard input closes (its parent stopped or went away).
 */
public final class DynamoDbLocalMain {

    static final String READY = "DYNAMODB_LOCAL_PORT ";

    private DynamoDbLocalMain() {
    }

    public static void main(String[] args) throws IOException {
        try (DynamoDbServer server = DynamoDbServer.start()) {
            System.out.println(READY + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for end of input
            }
        }
    }
}
