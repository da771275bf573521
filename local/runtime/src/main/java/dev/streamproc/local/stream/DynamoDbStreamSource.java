package dev.streamproc.local.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB stream as a {@link StreamSource}: the adapter that lets the same pollers, batching and retries serve
 * {@code DynamoDB} events. Each record's data is its Lambda event entry (rendered by {@link DynamoDbJson}); its
 * partition key is the item's key, so a parallelization factor keeps each item's changes in order.
 */
public final class DynamoDbStreamSource implements StreamSource {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;

    /** A stream named by the server's own ARN; entries report the ARN's region. */
    public DynamoDbStreamSource(DynamoDbStreamsClient streams, String streamArn) {
        this(streams, streamArn, streamArn.split(":")[3]);
    }

    /** A stream as {@link DynamoDbStreamArn} resolved it: read by its server ARN, entries report the stack's region. */
    public DynamoDbStreamSource(DynamoDbStreamsClient streams, DynamoDbStreamArn arn) {
        this(streams, arn.serverArn(), arn.region());
    }

    private DynamoDbStreamSource(DynamoDbStreamsClient streams, String streamArn, String region) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.region = region;
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    @Override
    public String server() {
        return "DynamoDB Local" + streams.serviceClientConfiguration().endpointOverride().map(uri -> " at " + uri).orElse("");
    }

    @Override
    public List<String> shardIds() {
        return shards().stream().map(StreamSource.Shard::id).toList();
    }

    @Override
    public List<StreamSource.Shard> shards() {
        List<StreamSource.Shard> shards = new ArrayList<>();
        String after = null;
        do {
            String start = after;
            DescribeStreamResponse response = streams.describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(start));
            for (software.amazon.awssdk.services.dynamodb.model.Shard shard : response.streamDescription().shards()) {
                shards.add(new StreamSource.Shard(shard.shardId(),
                        shard.parentShardId() == null ? List.of() : List.of(shard.parentShardId())));
            }
            after = response.streamDescription().lastEvaluatedShardId();
        } while (after != null);
        return shards;
    }

    @Override
    public String shardIterator(String shardId, StartPosition position) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamArn(streamArn).shardId(shardId);
        switch (position.type()) {
            case TRIM_HORIZON -> request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            case LATEST -> request.shardIteratorType(ShardIteratorType.LATEST);
            case AFTER_SEQUENCE_NUMBER -> request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .sequenceNumber(position.sequenceNumber());
            case AT_TIMESTAMP -> throw new IllegalArgumentException("DynamoDB streams have no AT_TIMESTAMP starting position");
        }
        return streams.getShardIterator(request.build()).shardIterator();
    }

    @Override
    public Page getRecords(String shardId, String iterator, int limit) {
        GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(iterator).limit(Math.min(limit, 1000)));
        List<StreamRecord> records = new ArrayList<>(response.records().size());
        for (Record r : response.records()) {
            ObjectNode entry = DynamoDbJson.eventEntry(r, region);
            records.add(new StreamRecord(shardId, r.dynamodb().sequenceNumber(), DynamoDbJson.attributes(r.dynamodb().keys()).toString(),
                    bytes(entry), r.dynamodb().approximateCreationDateTime()));
        }
        return new Page(records, response.nextShardIterator(), 0);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return DynamoDbJson.JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
