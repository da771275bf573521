package dev.streamproc.local.esm;

import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.DynamoDbStreamArns;
import dev.streamproc.local.stream.DynamoDbStreamSource;
import dev.streamproc.local.stream.KinesisStreamSource;
import dev.streamproc.local.stream.StreamSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The event source mappings the template declares: one per {@code Kinesis} or {@code DynamoDB} event of each
 * function (DynamoDB streams through {@link DynamoDbStreamSource}, same pollers and semantics).
 */
public final class StackEventSources {

    private static final Logger LOG = LoggerFactory.getLogger(StackEventSources.class);

    private StackEventSources() {
    }

    /** Creates (does not start) the mappings; {@code configure} may adjust local knobs such as the idle poll. */
    public static List<EventSourceMapping> create(Template template, KinesisClient kinesis, DynamoDbStreamsClient dynamoDbStreams,
                                                  SqsClient sqs, LambdaInvoker invoker, Path dataDir,
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
                Map<String, Object> properties = new LinkedHashMap<>(event.properties());
                String shownArn = null;
                if (dynamoDb && properties.get("Stream") instanceof String templateArn) {
                    String actual = DynamoDbStreamArns.actual(dynamoDbStreams, templateArn);
                    properties.put("Stream", actual);
                    shownArn = DynamoDbStreamArns.asOnAws(templateArn, actual);
                }
                EsmSettings settings = configure.apply(EsmSettings.fromEventProperties(function.logicalId(), function.arn(), properties));
                FailureDestination onFailure = settings.onFailureDestination() == null ? null
                        : new SqsFailureDestination(sqs, settings.onFailureDestination());
                EventFormat format = dynamoDb ? new DynamoDbEventFormat(shownArn != null ? shownArn : settings.streamArn())
                        : new KinesisEventFormat(settings.streamArn(), settings.region(), roleOf(template, function));
                StreamSource source = dynamoDb ? new DynamoDbStreamSource(dynamoDbStreams, settings.streamArn())
                        : new KinesisStreamSource(kinesis, settings.streamArn());
                mappings.add(new EventSourceMapping(settings, source, format, invoker, onFailure, dataDir));
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
