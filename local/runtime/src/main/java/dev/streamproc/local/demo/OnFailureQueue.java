package dev.streamproc.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The consumer's on-failure destination: each message describes a batch Lambda gave up on (shard and sequence
 * range, not the records), so the records it stands for are counted on the stream itself.
 */
public final class OnFailureQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A failed batch as its on-failure message describes it. */
    public record FailedBatch(String shardId, String startSequenceNumber, String endSequenceNumber, int batchSize, String condition,
                              JsonNode message) {
    }

    private OnFailureQueue() {
    }

    /**
     * Reads every message of the queue once (they stay in the queue: the visibility timeout only hides them from
     * this reader for a while).
     */
    public static List<FailedBatch> read(SqsClient sqs, String queueArn) {
        String queueUrl = sqs.getQueueUrl(r -> r.queueName(queueArn.substring(queueArn.lastIndexOf(':') + 1))).queueUrl();
        List<FailedBatch> batches = new ArrayList<>();
        while (true) {
            ReceiveMessageResponse page = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(60).waitTimeSeconds(0));
            if (!page.hasMessages() || page.messages().isEmpty()) {
                return batches;
            }
            for (Message message : page.messages()) {
                batches.add(parse(message.body()));
            }
        }
    }

    static FailedBatch parse(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode info = root.has("KinesisBatchInfo") ? root.path("KinesisBatchInfo") : root.path("DDBStreamBatchInfo");
            return new FailedBatch(info.path("shardId").asText(), info.path("startSequenceNumber").asText(),
                    info.path("endSequenceNumber").asText(), info.path("batchSize").asInt(),
                    root.path("requestContext").path("condition").asText(), root);
        } catch (IOException e) {
            throw new IllegalStateException("an on-failure message that is not JSON: " + body, e);
        }
    }
}
