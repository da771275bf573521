package dev.streamproc.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.lambda.ProbeFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A {@code DynamoDB} event declared in a template, end to end: the table is created with the template's
 * {@code StreamSpecification}, {@code !GetAtt Table.StreamArn} finds its stream, and put/update/delete reach the
 * function in a real container as INSERT/MODIFY/REMOVE records of the configured view type. Shapes as AWS documents
 * them ("Using AWS Lambda with Amazon DynamoDB", example DynamoDB record event).
 */
class DynamoDbStreamEventTest {

    @TempDir
    Path project;

    @Test
    @Timeout(180)
    void putItemInvokesTheFunctionWithTheNewImageRecord() throws Exception {
        Files.writeString(project.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  GameScoreRecords:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: GameScoreRecords
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: RecordID, AttributeType: N}]
                      KeySchema: [{AttributeName: RecordID, KeyType: HASH}]
                      StreamSpecification: {StreamViewType: NEW_IMAGE}
                  AggregateScoresByUser:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      CodeUri: probe/
                      Handler: %s
                      MemorySize: 256
                      Timeout: 30
                      Events:
                        Scores:
                          Type: DynamoDB
                          Properties:
                            Stream: !GetAtt GameScoreRecords.StreamArn
                            StartingPosition: TRIM_HORIZON
                            BatchSize: 1
                """.formatted(ProbeFunctions.HANDLER));
        ProbeFunctions.packageProbeJar(project.resolve("probe/target/probe-lambda.jar"));
        LocalCloudConfig config = LocalCloudConfig.builder().dataDir(project.resolve("data")).template(project.resolve("template.yaml"))
                .stackName("scores").parametersFile(null).out(line -> { }).build();

        try (LocalCloud cloud = LocalCloud.start(config);
             LocalRuntime runtime = LocalRuntime.start(cloud.template(), cloud.endpoints(), cloud.dataDir(),
                     LocalRuntime.Settings.of(null, false));
             DynamoDbClient dynamoDb = cloud.dynamoDbClient()) {
            var table = dynamoDb.describeTable(b -> b.tableName("GameScoreRecords")).table();
            assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
            assertThat(runtime.mappings()).singleElement()
                    .satisfies(m -> assertThat(m.settings().streamArn()).startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/GameScoreRecords/stream/"));

            Map<String, AttributeValue> jane = Map.of("RecordID", AttributeValue.fromN("1"), "Username", AttributeValue.fromS("Jane Doe"),
                    "Score", AttributeValue.fromN("100"));
            dynamoDb.putItem(b -> b.tableName("GameScoreRecords").item(jane));
            dynamoDb.updateItem(b -> b.tableName("GameScoreRecords").key(Map.of("RecordID", AttributeValue.fromN("1")))
                    .updateExpression("SET Score = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromN("150"))));
            dynamoDb.deleteItem(b -> b.tableName("GameScoreRecords").key(Map.of("RecordID", AttributeValue.fromN("1"))));

            Path log = project.resolve("data/logs/AggregateScoresByUser.log");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(log) && events(log).size() == 3);
            List<String> events = events(log);
            // Lambda shows the stream's ARN in the stack's region and account (DynamoDB Local's own ARN says "ddblocal").
            String label = table.latestStreamArn().substring(table.latestStreamArn().lastIndexOf("/stream/"));
            assertThat(events.get(0)).contains("eventName=INSERT", "eventSource=aws:dynamodb",
                    "eventSourceARN=arn:aws:dynamodb:us-east-1:000000000000:table/GameScoreRecords" + label,
                    "StreamViewType=NEW_IMAGE", "Username={S=Jane Doe}", "Score={N=100}").doesNotContain("OldImage");
            assertThat(events.get(1)).contains("eventName=MODIFY", "Score={N=150}").doesNotContain("OldImage");
            assertThat(events.get(2)).contains("eventName=REMOVE", "Keys={RecordID={N=1}}").doesNotContain("NewImage", "OldImage");
        }
    }

    /** The probe prints each event it receives on a line of its own. */
    private static List<String> events(Path log) throws java.io.IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("event {Records=")).toList();
    }
}
