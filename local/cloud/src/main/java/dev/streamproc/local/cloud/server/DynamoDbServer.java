package dev.streamproc.local.cloud.server;

import dev.streamproc.local.cloud.LocalCloudException;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/** DynamoDB Local 3.x embedded in this JVM, HTTP on 127.0.0.1; in memory unless a persist directory is given. */
public final class DynamoDbServer implements SinglePortServer {

    /** Port 0 = a free one; {@code persistDir} null = in memory. */
    public record Config(int port, Path persistDir) {

        public static Config inMemory() {
            return new Config(0, null);
        }
    }

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static DynamoDbServer start() {
        return start(Config.inMemory());
    }

    public static DynamoDbServer start(Config config) {
        int port = LoopbackPorts.resolve(config.port(), "DynamoDB Local");
        String dbPath = null;
        if (config.persistDir() != null) {
            try {
                Files.createDirectories(config.persistDir());
            } catch (IOException e) {
                throw new LocalCloudException("cannot create the DynamoDB data directory " + config.persistDir() + ": " + e.getMessage(), e);
            }
            dbPath = config.persistDir().toAbsolutePath().toString();
        }
        try {
            // Built directly rather than through ServerRunner: its telemetry set-up needs SDK modules (pinpoint)
            // that the registry here lacks, and a local server has no business calling home.
            LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, dbPath == null, dbPath, dbPath != null, false);
            DynamoDBProxyServer server = new DynamoDBProxyServer(port, new LocalDynamoDBServerHandler(requests, null));
            jetty(server).start(); // not server.start(): its telemetry catch clause needs pinpoint classes too
            return new DynamoDbServer(server, port);
        } catch (LocalCloudException e) {
            throw e;
        } catch (Exception e) {
            throw new LocalCloudException("cannot start DynamoDB Local on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The Jetty server inside, its connector moved to loopback (DynamoDB Local has no host option). */
    private static Server jetty(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost(LoopbackPorts.LOOPBACK);
            }
        }
        return jetty;
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new LocalCloudException("DynamoDB Local did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
