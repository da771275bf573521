package dev.streamproc.local.cloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template.FunctionDef;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Path FILE = resource("templates/intrinsics.yaml");

    private static Path resource(String name) {
        try {
            return Path.of(TemplateTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Template load(Map<String, String> overrides) {
        return Template.load(FILE, "stk", overrides);
    }

    private static Template.Options options() {
        return Template.Options.defaults().withStackName("stk").withSqsEndpoint("http://127.0.0.1:9999");
    }

    @Test
    void resolvesRefGetAttSubJoinSelectSplitAndPseudoParameters() {
        Template template = Template.load(FILE, options());
        Map<String, String> env = template.function("Worker").environment();

        assertThat(env).containsEntry("STREAM", "stk-stream-dev")
                .containsEntry("STREAM_ARN", "arn:aws:kinesis:us-east-1:000000000000:stream/stk-stream-dev")
                .containsEntry("TABLE_ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/stk-table-b")
                .containsEntry("QUEUE_URL", "http://127.0.0.1:9999/000000000000/stk-Queue")
                .containsEntry("QUEUE_ARN", "arn:aws:sqs:us-east-1:000000000000:stk-Queue")
                .containsEntry("BUCKET_ARN", "arn:aws:s3:::stk-bucket/*")
                .containsEntry("LITERAL", "${NotReplaced}-us-east-1-000000000000-aws")
                .containsEntry("WITH_VARS", "hello, dev")
                .containsEntry("ZONE", "us-east-1a")
                .containsEntry("PARTS", "c")
                .containsEntry("ENCODED", "aGk=")
                .containsEntry("ROLE_ARN", "arn:aws:iam::000000000000:role/worker")
                .doesNotContainKey("NOTHING");
    }

    @Test
    void evaluatesConditionsForPropertiesAndResources() {
        Template dev = load(Map.of());
        assertThat(dev.function("Worker").environment()).containsEntry("DEV_TWO", "yes").containsEntry("PROD_OR_THREE", "no");
        assertThat(dev.resource("Queue").properties()).containsEntry("VisibilityTimeout", 30);
        assertThat(dev.resources()).extracting(Template.Resource::logicalId).doesNotContain("ProdOnly");
        assertThatThrownBy(() -> dev.resource("ProdOnly")).hasMessageContaining("its Condition is false");

        Template prod = load(Map.of("Env", "prod", "Shards", "3"));
        assertThat(prod.function("Worker").environment()).containsEntry("DEV_TWO", "no").containsEntry("PROD_OR_THREE", "yes");
        assertThat(prod.resource("Queue").properties()).containsEntry("VisibilityTimeout", 300);
        assertThat(prod.resources()).extracting(Template.Resource::logicalId).contains("ProdOnly");
        assertThat(prod.resource("Stream").properties()).containsEntry("ShardCount", "3").containsEntry("Name", "stk-stream-prod");
    }

    @Test
    void mergesGlobalsIntoEachFunctionAndResolvesAliasesToQualifiedArns() {
        Template template = load(Map.of());
        FunctionDef worker = template.function("Worker");
        assertThat(worker.functionName()).isEqualTo("stk-Worker");
        assertThat(worker.arn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:stk-Worker");
        assertThat(worker.runtime()).isEqualTo("java21");
        assertThat(worker.memoryMb()).isEqualTo(512);
        assertThat(worker.timeoutSeconds()).isEqualTo(30);
        assertThat(worker.handler()).isEqualTo("example.Worker::handle");
        assertThat(worker.codeUri()).isEqualTo(FILE.getParent().resolve("worker"));
        assertThat(worker.environment()).containsEntry("SHARED", "from-globals").containsEntry("OVERRIDDEN", "mine");
        assertThat(worker.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("FromStream");
            assertThat(event.type()).isEqualTo("Kinesis");
            assertThat(event.properties()).containsEntry("BatchSize", 10).containsEntry("StartingPosition", "TRIM_HORIZON");
            assertThat(template.streamNameForArn((String) event.properties().get("Stream"))).isEqualTo("stk-stream-dev");
        });

        FunctionDef caller = template.function("stk-caller");
        assertThat(caller.memoryMb()).isEqualTo(256);
        assertThat(caller.environment()).containsEntry("TARGET", worker.arn() + ":live").containsEntry("TARGET_VERSION", worker.arn() + ":1");
        assertThat(template.functionForArn(worker.arn() + ":live").logicalId()).isEqualTo("Worker");
        assertThat(template.functionForArn(caller.arn()).logicalId()).isEqualTo("Caller");
        assertThat(Template.qualifierOf(worker.arn() + ":live")).contains("live");
    }

    @Test
    void namesAndArnsFollowAwsFormats() {
        Template template = load(Map.of());
        assertThat(template.physicalName("Bucket")).isEqualTo("stk-bucket");
        assertThat(template.arn("Bucket")).isEqualTo("arn:aws:s3:::stk-bucket");
        assertThat(template.physicalName("Queue")).isEqualTo("stk-Queue");
        assertThat(template.queueNameForArn(template.arn("Queue"))).isEqualTo("stk-Queue");
        assertThat(template.bucketNameForArn("arn:aws:s3:::stk-bucket")).isEqualTo("stk-bucket");
        assertThat(template.tableNameForArn(template.arn("Table") + "/stream/2026-01-01T00:00:00.000")).isEqualTo("stk-table-b");
        assertThat(template.notEmulated()).containsExactly("Role (AWS::IAM::Role)");
        assertThatThrownBy(() -> template.streamNameForArn("arn:aws:sqs:us-east-1:000000000000:q"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("not a kinesis ARN");
    }

    @Test
    void rejectsUnknownOrInvalidParametersWithOneClearLine() {
        assertThatThrownBy(() -> load(Map.of("Shard", "1"))).isInstanceOf(TemplateException.class)
                .hasMessageContaining("unknown parameter 'Shard'").hasMessageContaining("Env, Shards, Zones").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> load(Map.of("Env", "qa"))).isInstanceOf(TemplateException.class)
                .hasMessageContaining("'qa' is not one of [dev, prod]");
        assertThatThrownBy(() -> load(Map.of("Shards", "many"))).isInstanceOf(TemplateException.class)
                .hasMessageContaining("is not a Number");
    }

    @Test
    void rejectsBrokenTemplatesWithOneClearLine() {
        Path file = Path.of("broken.yaml");
        assertThatThrownBy(() -> Template.parse(file, "Resources: [unclosed", options()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("not valid YAML").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Template.parse(file, "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      X: !Ref Missing\n", options()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Resources.A").hasMessageContaining("unknown parameter or resource 'Missing'");
        assertThatThrownBy(() -> Template.parse(file, "Parameters: {}\n", options()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("has no Resources");
        // found by TemplateFuzzTest: a recursive alias overflowed the stack of every reader of the tree
        assertThatThrownBy(() -> Template.parse(file, "Resources:\n  A: &a\n    Type: AWS::SQS::Queue\n    B: *a\n", options()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("not valid YAML").hasMessageContaining("cannot be recursive");
        StringBuilder laughs = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 40; i++) {
            laughs.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        assertThatThrownBy(() -> Template.parse(file, laughs + "Resources: {A: {Type: AWS::SQS::Queue, Properties: {X: *l40}}}\n", options()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("expand it beyond");
        // found by TemplateFuzzTest: a Type without '::' made the ARN of the resource fail with an index error
        assertThatThrownBy(() -> Template.parse(file, "Resources:\n  A:\n    Type: Bucket\n", options()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("resource A has Type 'Bucket', which is not a resource type");
        assertThat(Template.parse(file, "Resources:\n  A:\n    Type: Custom::Thing\n", options()).arn("A")).contains(":thing/");
        // found by TemplateFuzzTest: a logical ID YAML reads as a boolean failed with a ClassCastException
        assertThatThrownBy(() -> Template.parse(file, "Resources:\n  false:\n    Type: AWS::SQS::Queue\n", options()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("resource name false is not a logical ID");
        // found by TemplateFuzzTest: a parameter whose name YAML reads as null (an anchor with no key) failed with a NullPointerException
        assertThatThrownBy(() -> Template.parse(file, "Parameters:\n  &a : {Type: String, Default: x}\nResources:\n  A:\n    Type: AWS::SQS::Queue\n", options()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("parameter name null is not a logical ID");
        assertThatThrownBy(() -> Template.load(Path.of("does-not-exist.yaml")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("cannot read template");
    }

    @Test
    void anErrorNamesTheResourceAndThePropertyItSitsIn() {
        Path file = Path.of("broken.yaml");
        assertThatThrownBy(() -> Template.parse(file, """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Select [5, [a, b]]
                """, options())).isInstanceOf(TemplateException.class)
                .hasMessageEndingWith("broken.yaml at Resources.Table.Properties.TableName: Fn::Select index 5 is outside a list of 2");
        assertThatThrownBy(() -> Template.parse(file, """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      Tags:
                        - Key: owner
                          Value: !GetAtt Nobody.Arn
                """, options())).isInstanceOf(TemplateException.class)
                .hasMessageContaining("at Resources.Queue.Properties.Tags[0].Value: Fn::GetAtt to unknown parameter or resource 'Nobody'");
    }

    @Test
    void readsTheProjectTemplate() {
        Template template = Template.load(RepoRoot.find().resolve("template.yaml"));
        assertThat(template.functions()).extracting(FunctionDef::logicalId)
                .contains("ProducerFunction", "ConsumerFunction", "FirehoseTransformerFunction");
        FunctionDef consumer = template.function("ConsumerFunction");
        assertThat(consumer.handler()).isEqualTo("dev.streamproc.consumer.ConsumerHandler::handleRequest");
        assertThat(consumer.environment()).containsEntry("TABLE_NAME", "streamproc-EventData");
        assertThat(consumer.codeUri()).isEqualTo(RepoRoot.find().resolve("consumer"));
        Template.EventDef tweets = consumer.events().get(0);
        assertThat(template.streamNameForArn((String) tweets.properties().get("Stream"))).isEqualTo("streamproc-TweetStream");

        Object processors = ((Map<?, ?>) ((Map<?, ?>) template.resource("DeliveryStream").properties()
                .get("ExtendedS3DestinationConfiguration")).get("ProcessingConfiguration")).get("Processors");
        assertThat(processors.toString()).contains(template.function("FirehoseTransformerFunction").arn() + ":live");
        assertThat(template.notEmulated()).anyMatch(line -> line.contains("AWS::IAM::Role")).noneMatch(line -> line.contains("AWS::Kinesis"));
    }
}
