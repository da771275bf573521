package dev.streamproc.local.firehose;

import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.KinesisStreamSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The template's {@code AWS::KinesisFirehose::DeliveryStream}s with a Kinesis source, as local deliveries. */
public final class StackDeliveryStreams {

    private StackDeliveryStreams() {
    }

    /** Creates (does not start) the deliveries. */
    public static List<FirehoseDelivery> create(Template template, KinesisClient kinesis, S3Client s3, LambdaInvoker invoker,
                                                Path dataDir) {
        List<FirehoseDelivery> deliveries = new ArrayList<>();
        for (Template.Resource resource : template.resourcesOfType("AWS::KinesisFirehose::DeliveryStream")) {
            if (!(resource.properties().get("KinesisStreamSourceConfiguration") instanceof java.util.Map<?, ?>)) {
                continue;
            }
            FirehoseSettings settings = FirehoseSettings.fromResource(nameOf(template, resource), template.region(),
                    template.accountId(), resource.properties());
            deliveries.add(new FirehoseDelivery(settings, new KinesisStreamSource(kinesis, settings.sourceStreamArn()), invoker, s3,
                    dataDir));
        }
        return deliveries;
    }

    static String nameOf(Template template, Template.Resource resource) {
        String explicit = resource.string("DeliveryStreamName");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String physical = template.physicalName(resource.logicalId());
        return physical == null || physical.isBlank() ? template.stackName() + "-" + resource.logicalId() : physical;
    }
}
