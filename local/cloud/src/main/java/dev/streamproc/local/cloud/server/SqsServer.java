package dev.streamproc.local.cloud.server;

import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.LocalCloudException;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** SQS on ElasticMQ, embedded, on 127.0.0.1 (queue URLs carry this address; ARNs use the local account and region). */
public final class SqsServer implements SinglePortServer {

    private final SQSRestServer server;
    private final int port;

    private SqsServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static SqsServer start() {
        return start(0);
    }

    public static SqsServer start(int port) {
        int actualPort = LoopbackPorts.resolve(port, "SQS (ElasticMQ)");
        // LocalCloud stops ElasticMQ itself; Pekko's own JVM hook would race it and warn on every Ctrl-C.
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        try {
            SQSRestServer server = SQSRestServerBuilder
                    .withInterface(LoopbackPorts.LOOPBACK)
                    .withPort(actualPort)
                    .withServerAddress(new NodeAddress("http", LoopbackPorts.LOOPBACK, actualPort, ""))
                    .withAWSRegion(LocalCloudConfig.REGION)
                    .withAWSAccountId(LocalCloudConfig.ACCOUNT_ID)
                    .start();
            server.waitUntilStarted();
            return new SqsServer(server, actualPort);
        } catch (RuntimeException e) {
            throw new LocalCloudException("cannot start ElasticMQ (SQS) on port " + actualPort + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
