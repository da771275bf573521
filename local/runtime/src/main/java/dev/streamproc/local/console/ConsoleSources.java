package dev.streamproc.local.console;

import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.lambda.LocalLambda;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the console reads: the template, the local cloud's clients and files, and the running runtime's parts.
 *
 * @param athenaDir the {@code athena/} folder beside the template (ddl/ and queries/), or null when it has none
 */
public record ConsoleSources(Template template, Path dataDir, Path s3Dir, Path athenaDir, DynamoDbClient dynamoDb, KinesisClient kinesis,
                             S3Client s3, SqsClient sqs, LocalLambda lambda, List<EventSourceMapping> mappings,
                             List<FirehoseDelivery> deliveries) {

    public static ConsoleSources of(LocalCloud cloud, LocalRuntime runtime) {
        Path athena = cloud.template().file().toAbsolutePath().getParent().resolve("athena");
        return new ConsoleSources(cloud.template(), cloud.dataDir(), cloud.s3Dir(), Files.isDirectory(athena.resolve("ddl")) ? athena : null,
                cloud.dynamoDbClient(), cloud.kinesisClient(), cloud.s3Client(), cloud.sqsClient(), runtime.lambda(), runtime.mappings(),
                runtime.deliveries());
    }

    /** The function's log file, as the local Lambda runtime writes it. */
    public Path logFile(String logicalId) {
        return dataDir.resolve("logs").resolve(logicalId + ".log");
    }

    /** Physical names of the template's resources of one type. */
    public List<String> physicalNames(String type) {
        return template.resourcesOfType(type).stream().map(r -> template.physicalName(r.logicalId())).toList();
    }
}
