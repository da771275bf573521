package dev.streamproc.local.cloud.template;

import dev.streamproc.local.cloud.LocalCloudException;
import dev.streamproc.local.cloud.template.Template.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;

/**
 * Creates the template's resources on the local servers, idempotently: what exists is kept (a Kinesis stream whose
 * ShardCount changed in the template is resharded, so editing the template is all it takes).
 */
public final class StackDeployer {

    /** SQS attributes ElasticMQ understands; the rest (encryption, ...) has no local meaning. */
    private static final Set<String> SQS_ATTRIBUTES = Set.of("DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod",
            "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "RedrivePolicy", "FifoQueue", "ContentBasedDeduplication");

    /** What a deployment did, one line per resource. */
    public record Result(List<String> created, List<String> kept, List<String> notEmulated) {
    }

    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final SqsClient sqs;
    private final SsmClient ssm;
    private final Consumer<String> out;

    public StackDeployer(KinesisClient kinesis, DynamoDbClient dynamoDb, S3Client s3, SqsClient sqs, SsmClient ssm, Consumer<String> out) {
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.sqs = sqs;
        this.ssm = ssm;
        this.out = out;
    }

    public Result deploy(Template template) {
        List<String> created = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Resource resource : template.resources()) {
            String name = template.physicalName(resource.logicalId());
            Boolean isNew;
            try {
                isNew = switch (resource.type()) {
                    case "AWS::Kinesis::Stream" -> stream(name, resource.properties());
                    case "AWS::DynamoDB::Table" -> table(name, resource.properties());
                    case "AWS::S3::Bucket" -> bucket(name);
                    case "AWS::SQS::Queue" -> queue(name, resource.properties());
                    case "AWS::SSM::Parameter" -> parameter(name, resource.properties());
                    default -> null; // run by the local runtime, or not emulated
                };
            } catch (LocalCloudException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new LocalCloudException("cannot create " + resource.logicalId() + " (" + resource.type() + ") '" + name + "': "
                        + e.getMessage(), e);
            }
            if (isNew == null) {
                continue;
            }
            (isNew ? created : kept).add(resource.logicalId() + " " + name);
        }
        if (!template.notEmulated().isEmpty()) {
            out.accept("not emulated: " + String.join(", ", template.notEmulated()));
        }
        return new Result(List.copyOf(created), List.copyOf(kept), template.notEmulated());
    }

    private boolean stream(String name, Map<String, Object> properties) {
        boolean onDemand = properties.get("StreamModeDetails") instanceof Map<?, ?> mode && "ON_DEMAND".equals(mode.get("StreamMode"));
        int shards = properties.containsKey("ShardCount") ? integer(properties.get("ShardCount")) : onDemand ? 4 : 1;
        StreamDescriptionSummary existing = describeStream(name);
        if (existing == null) {
            kinesis.createStream(b -> {
                b.streamName(name);
                if (onDemand) {
                    b.streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND));
                } else {
                    b.shardCount(shards);
                }
            });
            awaitActive(name);
            return true;
        }
        if (!onDemand && existing.openShardCount() != shards) {
            out.accept("resharding stream " + name + ": " + existing.openShardCount() + " -> " + shards + " shards (template changed)");
            kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(shards).scalingType("UNIFORM_SCALING"));
            awaitActive(name);
        }
        return false;
    }

    private StreamDescriptionSummary describeStream(String name) {
        try {
            return kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
        } catch (software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException e) {
            return null;
        }
    }

    private void awaitActive(String name) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            StreamDescriptionSummary summary = describeStream(name);
            if (summary != null && summary.streamStatus() == StreamStatus.ACTIVE) {
                return;
            }
            sleep(25);
        }
        throw new LocalCloudException("stream " + name + " did not become ACTIVE within 20 s");
    }

    private boolean table(String name, Map<String, Object> p) {
        try {
            dynamoDb.describeTable(b -> b.tableName(name));
            return false;
        } catch (ResourceNotFoundException absent) {
            // create below
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(maps(p.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(text(a.get("AttributeName")))
                                .attributeType(text(a.get("AttributeType"))).build()).toList())
                .keySchema(keySchema(p.get("KeySchema")));
        boolean provisioned = "PROVISIONED".equals(p.getOrDefault("BillingMode", "PROVISIONED")) && p.containsKey("ProvisionedThroughput");
        request.billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
        if (provisioned) {
            request.provisionedThroughput(throughput(p.get("ProvisionedThroughput")));
        }
        List<GlobalSecondaryIndex> gsis = new ArrayList<>();
        for (Map<String, Object> index : maps(p.get("GlobalSecondaryIndexes"))) {
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder().indexName(text(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema"))).projection(projection(index.get("Projection")));
            if (provisioned && index.get("ProvisionedThroughput") != null) {
                gsi.provisionedThroughput(throughput(index.get("ProvisionedThroughput")));
            } else if (provisioned) {
                gsi.provisionedThroughput(throughput(p.get("ProvisionedThroughput")));
            }
            gsis.add(gsi.build());
        }
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = maps(p.get("LocalSecondaryIndexes")).stream()
                .map(index -> LocalSecondaryIndex.builder().indexName(text(index.get("IndexName"))).keySchema(keySchema(index.get("KeySchema")))
                        .projection(projection(index.get("Projection"))).build()).toList();
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis);
        }
        if (p.get("StreamSpecification") instanceof Map<?, ?> stream && stream.get("StreamViewType") != null) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(text(stream.get("StreamViewType"))).build());
        }
        dynamoDb.createTable(request.build());
        if (p.get("TimeToLiveSpecification") instanceof Map<?, ?> ttl && Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            dynamoDb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName(text(ttl.get("AttributeName")))));
        }
        return true;
    }

    private boolean bucket(String name) {
        try {
            s3.headBucket(b -> b.bucket(name));
            return false;
        } catch (NoSuchBucketException absent) {
            s3.createBucket(b -> b.bucket(name));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(name));
            return true;
        }
    }

    private boolean queue(String name, Map<String, Object> p) {
        boolean exists;
        try {
            sqs.getQueueUrl(b -> b.queueName(name));
            exists = true;
        } catch (software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException absent) {
            exists = false;
        }
        if (exists) {
            return false;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : p.entrySet()) {
            if (SQS_ATTRIBUTES.contains(entry.getKey())) {
                attributes.put(entry.getKey(), entry.getValue() instanceof Map<?, ?> json ? toJson(json) : text(entry.getValue()));
            }
        }
        sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes));
        return true;
    }

    private boolean parameter(String name, Map<String, Object> p) {
        try {
            ssm.putParameter(b -> b.name(name).type(text(p.getOrDefault("Type", "String"))).value(text(p.get("Value")))
                    .description(p.get("Description") == null ? null : text(p.get("Description"))).overwrite(false));
            return true;
        } catch (ParameterAlreadyExistsException kept) {
            return false; // keep the value a previous run (or the user) stored
        }
    }

    // ---------------------------------------------------------------- conversions

    private static List<KeySchemaElement> keySchema(Object value) {
        return maps(value).stream().map(k -> KeySchemaElement.builder().attributeName(text(k.get("AttributeName")))
                .keyType(text(k.get("KeyType"))).build()).toList();
    }

    private static Projection projection(Object value) {
        Map<String, Object> p = value instanceof Map<?, ?> ? asMap(value) : Map.of();
        Projection.Builder projection = Projection.builder().projectionType(text(p.getOrDefault("ProjectionType", "ALL")));
        if (p.get("NonKeyAttributes") instanceof List<?> attributes) {
            projection.nonKeyAttributes(attributes.stream().map(String::valueOf).toList());
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput(Object value) {
        Map<String, Object> p = asMap(value);
        return ProvisionedThroughput.builder().readCapacityUnits((long) integer(p.get("ReadCapacityUnits")))
                .writeCapacityUnits((long) integer(p.get("WriteCapacityUnits"))).build();
    }

    private static List<Map<String, Object>> maps(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new LocalCloudException("expected a list, got " + value);
        }
        return list.stream().map(StackDeployer::asMap).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new LocalCloudException("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    private static String text(Object value) {
        return TemplateValues.scalarText(value);
    }

    private static int integer(Object value) {
        return (int) Double.parseDouble(text(value));
    }

    private static String toJson(Map<?, ?> value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new LocalCloudException("cannot write " + value + " as JSON", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalCloudException("interrupted while deploying the stack");
        }
    }

}
