package dev.streamproc.local.esm;

import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.esm.filter.FilterCriteria;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.DynamoDbStreamArn;
import dev.streamproc.local.stream.DynamoDbStreamSource;
import dev.streamproc.local.stream.KinesisStreamSource;
import dev.streamproc.local.stream.StreamSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The event source mappings the template declares: one per {@code Kinesis} or {@code DynamoDB} event of each
 * function (DynamoDB streams through {@link DynamoDbStreamSource}, same pollers and semantics).
 */
public final class StackEventSources {

    private static final Logger LOG = LoggerFactory.getLogger(StackEventSources.class);

    private StackEventSources() {
    }

    /** As {@link #create(Template, KinesisClient, DynamoDbStreamsClient, SqsClient, S3Client, LambdaInvoker, Path,
     *  java.util.function.UnaryOperator)} without S3 (an S3 on-failure destination is then refused). */
    public static List<EventSourceMapping> create(Template template, KinesisClient kinesis, DynamoDbStreamsClient dynamoDbStreams,
                                                  SqsClient sqs, LambdaInvoker invoker, Path dataDir,
                                                  java.util.function.UnaryOperator<EsmSettings> configure) {
        return create(template, kinesis, dynamoDbStreams, sqs, null, invoker, dataDir, configure);
    }

    /**
     * Creates (does not start) the mappings; {@code configure} may adjust local knobs such as the idle poll. A
     * mapping configured in a way local cannot honour fails here with one line naming it, never at run time.
     */
    public static List<EventSourceMapping> create(Template template, KinesisClient kinesis, DynamoDbStreamsClient dynamoDbStreams,
                                                  SqsClient sqs, S3Client s3, LambdaInvoker invoker, Path dataDir,
                                                  java.util.function.UnaryOperator<EsmSettings> configure) {
        List<EventSourceMapping> mappings = new ArrayList<>();
        for (Template.FunctionDef function : template.functions()) {
            for (Template.EventDef event : function.events()) {
                boolean dynamoDb = event.type().equals("DynamoDB");
                if (!dynamoDb && !event.type().equals("Kinesis")) {
                    continue;
                }
                if (dynamoDb && dynamoDbStreams == null) {
                    LOG.warn("{}: no DynamoDB Streams endpoint, event {} is not run", function.logicalId(), event.name());
                    continue;
                }
                EsmSettings settings;
                FailureDestination onFailure;
                FilterCriteria filterCriteria;
                try {
                    filterCriteria = FilterCriteria.fromProperty(event.properties().get("FilterCriteria"));
                    settings = configure.apply(EsmSettings.fromEventProperties(function.logicalId(), function.arn(),
                            event.properties()));
                    onFailure = FailureDestinations.of(settings.onFailureDestination(), sqs, s3,
                            MappingUuid.of(settings.functionArn(), settings.streamArn()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("event source mapping " + function.logicalId() + "." + event.name() + ": "
                            + e.getMessage(), e);
                }
                EventFormat format;
                StreamSource source;
                if (dynamoDb) {
                    DynamoDbStreamArn arn = DynamoDbStreamArn.resolve(dynamoDbStreams, settings.streamArn());
                    format = new DynamoDbEventFormat(arn.awsArn());
                    source = new DynamoDbStreamSource(dynamoDbStreams, arn);
                } else {
                    format = new KinesisEventFormat(settings.streamArn(), settings.region(), roleOf(template, function));
                    source = new KinesisStreamSource(kinesis, settings.streamArn());
                }
                RecordFilter filter = dynamoDb ? RecordFilter.dynamoDb(filterCriteria) : RecordFilter.kinesis(filterCriteria);
                mappings.add(new EventSourceMapping(settings, source, format, invoker, onFailure, dataDir, filter));
            }
        }
        return mappings;
    }

    /** The execution role Lambda reports as {@code invokeIdentityArn}. */
    static String roleOf(Template template, Template.FunctionDef function) {
        Object role = template.resource(function.logicalId()).properties().get("Role");
        if (role instanceof String arn && arn.startsWith("arn:")) {
            return arn;
        }
        return "arn:aws:iam::" + template.accountId() + ":role/" + function.functionName() + "-role";
    }
}
