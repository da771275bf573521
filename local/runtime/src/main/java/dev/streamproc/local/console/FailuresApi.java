package dev.streamproc.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The on-failure queues' messages, each with the shard and sequence range of the batch it names. Messages are read
 * with a visibility timeout of 0, so looking at them takes nothing from the queue; SQS gives at most 10 at a time.
 */
public final class FailuresApi {

    public record FailedBatch(String messageId, String sentAt, String shardId, String startSequenceNumber, String endSequenceNumber,
                              Integer batchSize, String condition, String functionArn, String body) {
    }

    public record QueueView(String name, String arn, long depth, List<FailedBatch> messages) {
    }

    private final SqsClient sqs;
    private final List<String> queueArns;

    public FailuresApi(SqsClient sqs, List<String> queueArns) {
        this.sqs = sqs;
        this.queueArns = List.copyOf(queueArns);
    }

    public void register(Routes routes) {
        routes.get("/failures", r -> queueArns.stream().map(arn -> queue(arn, r.intParam("limit", 10, 1, 10))).toList());
    }

    /** Visible messages of the queue (ApproximateNumberOfMessages). */
    public long depth(String queueArn) {
        String url = url(queueArn);
        String n = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return n == null ? 0 : Long.parseLong(n);
    }

    QueueView queue(String arn, int limit) {
        String url = url(arn);
        var received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(limit).visibilityTimeout(0).waitTimeSeconds(0)
                .messageSystemAttributeNamesWithStrings("SentTimestamp"));
        List<FailedBatch> batches = new ArrayList<>();
        for (Message m : received.messages()) {
            batches.add(parse(m.messageId(), m.attributesAsStrings().get("SentTimestamp"), m.body()));
        }
        return new QueueView(arn.substring(arn.lastIndexOf(':') + 1), arn, depth(arn), batches);
    }

    /** An on-failure record (Lambda developer guide, "Retaining records of discarded batches"): Kinesis or DynamoDB batch info. */
    static FailedBatch parse(String messageId, String sentTimestamp, String body) {
        String sentAt = sentTimestamp == null ? null : java.time.Instant.ofEpochMilli(Long.parseLong(sentTimestamp)).toString();
        try {
            JsonNode root = ConsoleServer.JSON.readTree(body);
            JsonNode info = root.has("KinesisBatchInfo") ? root.path("KinesisBatchInfo") : root.path("DDBStreamBatchInfo");
            return new FailedBatch(messageId, sentAt, info.path("shardId").asText(null), info.path("startSequenceNumber").asText(null),
                    info.path("endSequenceNumber").asText(null), info.has("batchSize") ? info.path("batchSize").asInt() : null,
                    root.path("requestContext").path("condition").asText(null), root.path("requestContext").path("functionArn").asText(null),
                    DisplayText.escapeControls(body));
        } catch (IOException e) {
            return new FailedBatch(messageId, sentAt, null, null, null, null, null, null, DisplayText.escapeControls(body));
        }
    }

    private String url(String arn) {
        return sqs.getQueueUrl(b -> b.queueName(arn.substring(arn.lastIndexOf(':') + 1))).queueUrl();
    }

}
