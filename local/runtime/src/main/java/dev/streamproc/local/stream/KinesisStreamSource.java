package dev.streamproc.local.stream;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** A Kinesis data stream read with the plain GetShardIterator / GetRecords API, as Lambda's pollers do. */
public final class KinesisStreamSource implements StreamSource {

    private final KinesisClient kinesis;
    private final String streamArn;
    private final String streamName;

    public KinesisStreamSource(KinesisClient kinesis, String streamArn) {
        this.kinesis = kinesis;
        this.streamArn = streamArn;
        this.streamName = streamNameOf(streamArn);
    }

    /** {@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME} → NAME. */
    public static String streamNameOf(String streamArn) {
        int slash = streamArn.indexOf(":stream/");
        if (slash < 0) {
            throw new IllegalArgumentException("not a Kinesis stream ARN: " + streamArn);
        }
        return streamArn.substring(slash + ":stream/".length());
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    @Override
    public String server() {
        return "the Kinesis server" + kinesis.serviceClientConfiguration().endpointOverride().map(uri -> " at " + uri).orElse("");
    }

    @Override
    public List<String> shardIds() {
        return shards().stream().map(Shard::id).toList();
    }

    @Override
    public List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String next = null;
        do {
            ListShardsRequest request = next == null
                    ? ListShardsRequest.builder().streamName(streamName).build()
                    : ListShardsRequest.builder().nextToken(next).build();
            ListShardsResponse response = kinesis.listShards(request);
            for (var shard : response.shards()) {
                List<String> parents = new ArrayList<>();
                if (shard.parentShardId() != null) {
                    parents.add(shard.parentShardId());
                }
                if (shard.adjacentParentShardId() != null) {
                    parents.add(shard.adjacentParentShardId());
                }
                shards.add(new Shard(shard.shardId(), parents));
            }
            next = response.nextToken();
        } while (next != null);
        return shards;
    }

    @Override
    public String shardIterator(String shardId, StartPosition position) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamName(streamName).shardId(shardId);
        switch (position.type()) {
            case TRIM_HORIZON -> request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            case LATEST -> request.shardIteratorType(ShardIteratorType.LATEST);
            case AT_TIMESTAMP -> request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(position.timestamp());
            case AFTER_SEQUENCE_NUMBER -> request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(position.sequenceNumber());
        }
        return kinesis.getShardIterator(request.build()).shardIterator();
    }

    /** kinesis-mock: "Unable to find record with provided SequenceNumber ..." (verified against 0.6.2 after a restart). */
    @Override
    public boolean positionGone(RuntimeException e) {
        return e instanceof ResourceNotFoundException && String.valueOf(e.getMessage()).contains("SequenceNumber");
    }

    @Override
    public Page getRecords(String shardId, String iterator, int limit) {
        GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(iterator).limit(limit));
        List<StreamRecord> records = new ArrayList<>(response.records().size());
        for (var r : response.records()) {
            records.add(new StreamRecord(shardId, r.sequenceNumber(), r.partitionKey(), r.data().asByteArray(),
                    r.approximateArrivalTimestamp()));
        }
        long behind = response.millisBehindLatest() == null ? 0 : response.millisBehindLatest();
        return new Page(records, response.nextShardIterator(), behind);
    }
}
