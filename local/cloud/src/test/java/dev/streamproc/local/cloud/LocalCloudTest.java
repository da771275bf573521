package dev.streamproc.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.CloudStatus.ServerStatus;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.cloud.template.TemplateException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The whole local cloud from the real template.yaml, checked through the AWS SDK. */
class LocalCloudTest {

    @TempDir
    Path dataDir;

    private LocalCloudConfig.Builder config() {
        return LocalCloudConfig.builder().dataDir(dataDir).template(RepoRoot.find().resolve("template.yaml"))
                .parametersFile(null).out(line -> System.out.println("[local-cloud] " + line));
    }

    @Test
    void createsEveryResourceOfTheTemplateWithItsPropertiesAndLeavesNoProcessBehind() {
        LocalCloud cloud = LocalCloud.start(config().build());
        long kinesisPid;
        try (cloud; KinesisClient kinesis = cloud.kinesisClient(); DynamoDbClient dynamoDb = cloud.dynamoDbClient();
             S3Client s3 = cloud.s3Client(); SqsClient sqs = cloud.sqsClient(); SsmClient ssm = cloud.ssmClient()) {
            System.out.printf("local cloud ready in %d ms %s%n", cloud.startupTime().toMillis(), cloud.startupBreakdown());
            Template template = cloud.template();
            kinesisPid = cloud.kinesisServer().pid();

            String stream = template.physicalName("TweetStream");
            assertThat(stream).isEqualTo("streamproc-TweetStream");
            assertThat(kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().openShardCount())
                    .isEqualTo(Integer.parseInt((String) template.parameters().get("ShardCount")));

            TableDescription table = dynamoDb.describeTable(b -> b.tableName("streamproc-EventData")).table();
            assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName, k -> k.keyTypeAsString())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Username", "HASH"), org.assertj.core.groups.Tuple.tuple("Id", "RANGE"));
            assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName).containsExactly("ByTopic");
            assertThat(table.globalSecondaryIndexes().get(0).keySchema()).extracting(KeySchemaElement::attributeName)
                    .containsExactly("Topic", "Timestamp");

            String bucket = template.physicalName("ArchiveBucket");
            assertThat(s3.listBuckets().buckets()).anyMatch(b -> b.name().equals(bucket));
            assertThat(cloud.s3Dir().resolve(bucket)).isDirectory();

            String queueUrl = sqs.getQueueUrl(b -> b.queueName(template.physicalName("ConsumerFailureQueue"))).queueUrl();
            assertThat(template.resource("ConsumerFailureQueue").properties()).containsEntry("MessageRetentionPeriod", 1209600);
            // ElasticMQ keeps no MessageRetentionPeriod (messages stay until deleted); the ARN is what the mapping uses.
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes())
                    .containsEntry(QueueAttributeName.QUEUE_ARN, template.arn("ConsumerFailureQueue"));

            assertThat(ssm.getParameter(b -> b.name("/streamproc/producer/since-id")).parameter().value()).isEqualTo("{}");

            assertThat(cloud.health()).containsOnlyKeys("kinesis", "dynamodb", "s3", "ssm", "sqs").doesNotContainValue(false);
            assertThat(CloudStatus.check(dataDir)).extracting(ServerStatus::up).containsOnly(true);
            assertThat(dataDir.resolve("state.json")).isRegularFile();
        }
        assertThat(ProcessHandle.of(kinesisPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ProcessHandle.current().children().toList()).isEmpty();
        assertThat(dataDir.resolve("state.json")).doesNotExist();
    }

    @Test
    void aKilledKinesisServerIsReportedDownAndStopStillCleansUp() throws Exception {
        LocalCloud cloud = LocalCloud.start(config().build());
        try (cloud) {
            long kinesisPid = cloud.kinesisServer().pid();
            ProcessHandle kinesisProcess = ProcessHandle.of(kinesisPid).orElseThrow();
            kinesisProcess.destroyForcibly();
            kinesisProcess.onExit().get();

            List<ServerStatus> statuses = CloudStatus.check(dataDir);
            assertThat(statuses).filteredOn(s -> s.name().equals("kinesis")).extracting(ServerStatus::up).containsExactly(false);
            assertThat(statuses).filteredOn(s -> !s.name().equals("kinesis")).extracting(ServerStatus::up).containsOnly(true);
            assertThat(cloud.health()).containsEntry("kinesis", false);
        }
        assertThat(ProcessHandle.current().children().toList()).isEmpty();
        assertThat(dataDir.resolve("state.json")).doesNotExist();
    }

    @Test
    void aParameterOverrideChangesTheStackWithNoOtherEdit() {
        try (LocalCloud cloud = LocalCloud.start(config().parameter("ShardCount", "3").stackName("other").build());
             KinesisClient kinesis = cloud.kinesisClient()) {
            assertThat(kinesis.describeStreamSummary(b -> b.streamName("other-TweetStream")).streamDescriptionSummary().openShardCount())
                    .isEqualTo(3);
        }
    }

    @Test
    void aRestartKeepsWhatExistsAndReshardsWhenTheTemplateChanged() {
        LocalCloudConfig.Builder persistent = config().persist(true);
        String lastRecord;
        try (LocalCloud first = LocalCloud.start(persistent.build()); SsmClient ssm = first.ssmClient();
             KinesisClient kinesis = first.kinesisClient()) {
            assertThat(first.deployment().created()).isNotEmpty();
            ssm.putParameter(b -> b.name("/streamproc/producer/since-id").value("{\"a\":\"1\"}").overwrite(true));
            // acknowledged just before the stop: kinesis-mock saves on an interval only, and the stop waits for a save
            lastRecord = kinesis.putRecord(b -> b.streamName("streamproc-TweetStream").partitionKey("k")
                    .data(SdkBytes.fromUtf8String("put just before the stop"))).sequenceNumber();
        }
        try (LocalCloud second = LocalCloud.start(persistent.parameter("ShardCount", "2").build());
             KinesisClient kinesis = second.kinesisClient(); SsmClient ssm = second.ssmClient()) {
            // ElasticMQ keeps queues in memory only: the queue is the one resource created again.
            assertThat(second.deployment().created()).containsExactly("ConsumerFailureQueue streamproc-ConsumerFailureQueue");
            assertThat(second.deployment().kept()).hasSize(5); // stream, table, bucket, the two producers' since-id parameters
            assertThat(ssm.getParameter(b -> b.name("/streamproc/producer/since-id")).parameter().value()).isEqualTo("{\"a\":\"1\"}");
            assertThat(kinesis.describeStreamSummary(b -> b.streamName("streamproc-TweetStream")).streamDescriptionSummary().openShardCount())
                    .isEqualTo(2);
            String firstShard = "shardId-000000000000";
            String iterator = kinesis.getShardIterator(b -> b.streamName("streamproc-TweetStream").shardId(firstShard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).records()).extracting(Record::sequenceNumber).containsExactly(lastRecord);
        }
    }

    @Test
    void aTakenPortFailsWithOneClearLineAndStartsNothing() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            LocalCloudConfig.Ports ports = new LocalCloudConfig.Ports(0, 0, taken.getLocalPort(), 0, 0, 0);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalCloud.start(config().ports(ports).build()))
                    .isInstanceOf(LocalCloudException.class)
                    .hasMessageContaining("DynamoDB Local: port " + taken.getLocalPort())
                    .hasMessageContaining("already in use")
                    .hasMessageNotContaining("\n");
        }
        assertThat(ProcessHandle.current().children().toList()).isEmpty();
        assertThat(dataDir.resolve("state.json")).doesNotExist();
    }

    @Test
    void anUnknownParameterFailsBeforeAnyServerStarts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalCloud.start(config().parameter("ShardCont", "2").build()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("unknown parameter 'ShardCont'");
        assertThat(ProcessHandle.current().children().toList()).isEmpty();
    }

}
