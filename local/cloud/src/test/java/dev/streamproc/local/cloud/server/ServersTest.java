package dev.streamproc.local.cloud.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.local.cloud.Endpoints;
import dev.streamproc.local.cloud.LocalCloudException;
import dev.streamproc.local.cloud.SdkClients;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Each server on its own: what lands where, and the errors a user can act on. */
class ServersTest {

    @TempDir
    Path dir;

    private static Endpoints s3Only(String endpoint) {
        return new Endpoints(null, null, null, endpoint, null, null, "us-east-1", null);
    }

    @Test
    void anS3ObjectLandsAsAPlainFileUnderTheBaseDirectory() throws Exception {
        try (S3Server server = S3Server.start(dir); S3Client s3 = new SdkClients(s3Only(server.endpoint())).s3()) {
            s3.createBucket(b -> b.bucket("archive"));
            s3.putObject(b -> b.bucket("archive").key("tweets/2026/11/23/01/part-1.json"), RequestBody.fromString("{\"id\":\"1\"}\n"));

            Path landed = dir.resolve("archive/tweets/2026/11/23/01/part-1.json");
            assertThat(landed).isRegularFile().hasContent("{\"id\":\"1\"}");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("archive").key("tweets/2026/11/23/01/part-1.json")).asString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":\"1\"}\n");
            assertThat(s3.listObjectsV2(b -> b.bucket("archive").prefix("tweets/")).contents()).hasSize(1);
        }
    }

    @Test
    void s3StopsWithoutWaitingOutAClientsIdleKeepAliveConnection() throws Exception {
        S3Server server = S3Server.start(dir);
        try (S3Client s3 = new SdkClients(s3Only(server.endpoint())).s3()) {
            s3.createBucket(b -> b.bucket("archive")); // the client keeps this connection open for its next call
            long started = System.nanoTime();
            server.close();
            long stoppedMillis = (System.nanoTime() - started) / 1_000_000;

            // a bound, not a speed test: s3proxy's default graceful wait is 30 s
            assertThat(stoppedMillis).as("Jetty's graceful wait for idle connections is cut short").isLessThan(5_000);
            try (ServerSocket reused = new ServerSocket(server.port(), 1, InetAddress.getByName("127.0.0.1"))) {
                assertThat(reused.getLocalPort()).as("the port is free again").isEqualTo(server.port());
            }
        }
    }

    @Test
    void aTakenPortIsReportedWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> S3Server.start(dir, taken.getLocalPort())).isInstanceOf(LocalCloudException.class)
                    .hasMessage("S3 (s3proxy): port " + taken.getLocalPort() + " on 127.0.0.1 is already in use; stop what uses it"
                            + " (is another './streamproc up' running? try './streamproc down') or choose another port");
        }
    }

    @Test
    void elasticMqServesTheSdkJsonProtocol() {
        try (SqsServer server = SqsServer.start();
             SqsClient sqs = new SdkClients(new Endpoints(null, null, null, null, null, server.endpoint(), "us-east-1", null)).sqs()) {
            String url = sqs.createQueue(b -> b.queueName("failures")).queueUrl();
            assertThat(sqs.getQueueUrl(b -> b.queueName("failures")).queueUrl()).isEqualTo(url);
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"requestContext\":{}}"));
            Message message = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().get(0);
            assertThat(message.body()).isEqualTo("{\"requestContext\":{}}");
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
        }
    }

    @Test
    void kinesisListensOnLoopbackOnlyAndStopsWithItsChildren() throws Exception {
        KinesisServer server = KinesisServer.start(dir);
        long pid;
        try (server) {
            pid = server.pid();
            assertThat(server.isAlive()).isTrue();
            assertThat(LoopbackPorts.accepting(server.httpsPort())).isTrue();
            // Not reachable through another local address: the preload keeps it on 127.0.0.1.
            String otherAddress = InetAddress.getLocalHost().getHostAddress();
            if (!otherAddress.startsWith("127.")) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    assertThatThrownBy(() -> socket.connect(new java.net.InetSocketAddress(otherAddress, server.httpPort()), 500))
                            .isInstanceOf(java.io.IOException.class);
                }
            }
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void theAwsCliVerifiesKinesisTlsThroughTheCaBundle() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v aws && command -v openssl").start().waitFor() == 0,
                "needs the AWS CLI and openssl");
        try (KinesisServer server = KinesisServer.start(dir);
             KinesisClient kinesis = new SdkClients(new Endpoints(server.httpsEndpoint(), server.httpEndpoint(), null, null, null, null,
                     "us-east-1", null)).kinesis()) {
            kinesis.createStream(b -> b.streamName("tls-check").shardCount(1));
            assertThat(server.caBundle()).isPresent();
            ProcessBuilder cli = new ProcessBuilder("aws", "kinesis", "describe-stream-summary", "--stream-name", "tls-check",
                    "--endpoint-url", server.httpsEndpoint(), "--output", "json").redirectErrorStream(true);
            cli.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1",
                    "AWS_CA_BUNDLE", server.caBundle().get().toString()));
            Process process = cli.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            assertThat(output).contains("\"StreamName\": \"tls-check\"");
        }
    }

    @Test
    void aMissingKinesisInstallationSaysHowToFixIt() {
        KinesisServer.Config config = new KinesisServer.Config(dir, dir.resolve("work"), 0, 0, false);
        assertThatThrownBy(() -> KinesisServer.start(config)).isInstanceOf(LocalCloudException.class)
                .hasMessageContaining("the Kinesis server is not installed").hasMessageContaining("npm ci");
    }
}
