package dev.streamproc.local.esm;

import static org.awaitility.Awaitility.await;

import dev.streamproc.local.cloud.server.KinesisServer;
import dev.streamproc.local.cloud.server.S3Server;
import dev.streamproc.local.cloud.server.SqsServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The real local servers the stream tests run against — kinesis-mock, ElasticMQ, s3proxy — started once per
 * test JVM, plus helpers to make fresh streams, queues and buckets (kinesis-mock slows down as a shard fills).
 */
public final class StreamTestServers {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static StreamTestServers instance;

    public final KinesisClient kinesis;
    public final SqsClient sqs;
    public final S3Client s3;
    public final Path s3Dir;
    public final Path workDir;

    private StreamTestServers(Path workDir) {
        this.workDir = workDir;
        KinesisServer kinesisServer = KinesisServer.start(workDir.resolve("kinesis"));
        SqsServer sqsServer = SqsServer.start();
        this.s3Dir = workDir.resolve("s3");
        S3Server s3Server = S3Server.start(s3Dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s3Server.close();
            sqsServer.close();
            kinesisServer.close();
        }));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        this.kinesis = KinesisClient.builder().endpointOverride(URI.create(kinesisServer.httpEndpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        this.sqs = SqsClient.builder().endpointOverride(URI.create(sqsServer.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        this.s3 = S3Client.builder().endpointOverride(URI.create(s3Server.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static synchronized StreamTestServers get() {
        if (instance == null) {
            try {
                instance = new StreamTestServers(Files.createTempDirectory("stream-test-servers"));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public static String unique(String base) {
        return base + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    /** Creates a new stream and waits until it is ACTIVE; returns its ARN. */
    public String freshStream(String base, int shards) {
        String name = unique(base);
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        return await("stream " + name + " to become ACTIVE").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary(),
                        description -> description.streamStatus() == StreamStatus.ACTIVE)
                .streamARN();
    }

    /** Puts records (partition key, UTF-8 data) in order, one PutRecords call per 500; returns the sequence numbers. */
    public List<String> put(String streamArn, List<String[]> keyAndData) {
        List<String> sequenceNumbers = new ArrayList<>();
        for (int from = 0; from < keyAndData.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = keyAndData.subList(from, Math.min(keyAndData.size(), from + 500)).stream()
                    .map(kd -> PutRecordsRequestEntry.builder().partitionKey(kd[0])
                            .data(SdkBytes.fromString(kd[1], StandardCharsets.UTF_8)).build())
                    .toList();
            PutRecordsResponse response = kinesis.putRecords(r -> r.streamARN(streamArn).records(entries));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException("PutRecords failed for " + response.failedRecordCount() + " records");
            }
            response.records().forEach(r -> sequenceNumbers.add(r.sequenceNumber()));
        }
        return sequenceNumbers;
    }

    public String putBytes(String streamArn, String partitionKey, byte[] data) {
        return kinesis.putRecord(r -> r.streamARN(streamArn).partitionKey(partitionKey).data(SdkBytes.fromByteArray(data))).sequenceNumber();
    }

    /** A new SQS queue; returns its ARN. */
    public String freshQueue(String base) {
        String name = unique(base);
        sqs.createQueue(r -> r.queueName(name));
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
    }

    public List<Message> drainQueue(String queueArn, int expected, Duration timeout) {
        String url = sqs.getQueueUrl(r -> r.queueName(queueArn.substring(queueArn.lastIndexOf(':') + 1))).queueUrl();
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < expected && System.nanoTime() < deadline) {
            var received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            messages.addAll(received);
            received.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())));
        }
        return messages;
    }

    public String freshBucket(String base) {
        String name = unique(base).toLowerCase();
        s3.createBucket(r -> r.bucket(name));
        return name;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
