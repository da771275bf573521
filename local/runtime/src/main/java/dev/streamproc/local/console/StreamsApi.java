package dev.streamproc.local.console;

import dev.streamproc.local.stream.StreamRecord;
import dev.streamproc.local.stream.KplUserRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Kinesis streams: shards with their hash and sequence ranges, and a data viewer that reads one page of a shard
 * (from the horizon, from N minutes ago, or after a sequence number) and shows KPL aggregates as their user records.
 */
public final class StreamsApi {

    static final int MAX_PAGE = 100;
    /** GetRecords calls one page may take to skip empty stretches of a shard. */
    static final int MAX_CALLS = 5;

    public record ShardInfo(String shardId, String parentShardId, String startingHashKey, String endingHashKey,
                            String startingSequenceNumber, String endingSequenceNumber) {
    }

    public record StreamInfo(String name, String status, int openShards, List<ShardInfo> shards) {
    }

    public record UserRecord(long subSequenceNumber, String partitionKey, DisplayText data) {
    }

    public record RecordView(String shardId, String sequenceNumber, String arrival, String partitionKey, boolean aggregated,
                             int bytes, List<UserRecord> userRecords) {
    }

    /** @param after the sequence number the next page starts after (null when the page ended at the shard's tip) */
    public record RecordsPage(List<RecordView> records, String after, long millisBehindLatest) {
    }

    private final KinesisClient kinesis;
    private final List<String> streamNames;

    public StreamsApi(KinesisClient kinesis, List<String> streamNames) {
        this.kinesis = kinesis;
        this.streamNames = List.copyOf(streamNames);
    }

    public void register(Routes routes) {
        routes.get("/streams", r -> streamNames.stream().map(this::stream).toList());
        routes.get("/streams/{name}", r -> stream(r.path(0)));
        routes.get("/streams/{name}/records", r -> records(r.path(0), r.param("shard", null), r.param("after", null),
                r.intParam("minutes", -1, -1, 60 * 24 * 365), r.intParam("limit", 25, 1, MAX_PAGE)));
    }

    public StreamInfo stream(String name) {
        try {
            var summary = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
            List<ShardInfo> shards = new ArrayList<>();
            String next = null;
            do {
                String token = next;
                var page = token == null ? kinesis.listShards(b -> b.streamName(name).maxResults(100))
                        : kinesis.listShards(b -> b.nextToken(token).maxResults(100));
                for (Shard s : page.shards()) {
                    shards.add(new ShardInfo(s.shardId(), s.parentShardId(), s.hashKeyRange().startingHashKey(), s.hashKeyRange().endingHashKey(),
                            s.sequenceNumberRange().startingSequenceNumber(), s.sequenceNumberRange().endingSequenceNumber()));
                }
                next = page.nextToken();
            } while (next != null);
            return new StreamInfo(name, summary.streamStatusAsString(), summary.openShardCount(), shards);
        } catch (ResourceNotFoundException e) {
            throw ApiException.notFound("stream " + name);
        }
    }

    /**
     * One page of a shard.
     *
     * @param after   read after this sequence number (the previous page's {@code after}); null: from the start position
     * @param minutes start that many minutes ago (AT_TIMESTAMP); -1: at the trim horizon
     */
    public RecordsPage records(String stream, String shard, String after, int minutes, int limit) {
        String shardId = shard != null ? shard : stream(stream).shards().get(0).shardId();
        String iterator;
        try {
            iterator = kinesis.getShardIterator(b -> {
                b.streamName(stream).shardId(shardId);
                if (after != null) {
                    b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(after);
                } else if (minutes >= 0) {
                    b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.now().minusSeconds(60L * minutes));
                } else {
                    b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                }
            }).shardIterator();
        } catch (ResourceNotFoundException e) {
            throw ApiException.notFound("stream " + stream + " or shard " + shardId);
        } catch (software.amazon.awssdk.services.kinesis.model.InvalidArgumentException e) {
            throw new ApiException(400, e.awsErrorDetails().errorMessage());
        }
        List<RecordView> records = new ArrayList<>();
        String last = after;
        long behind = 0;
        for (int call = 0; call < MAX_CALLS && iterator != null && records.isEmpty(); call++) {
            String it = iterator;
            GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(it).limit(limit));
            for (Record r : page.records()) {
                records.add(view(shardId, r));
                last = r.sequenceNumber();
            }
            behind = page.millisBehindLatest() == null ? 0 : page.millisBehindLatest();
            iterator = page.nextShardIterator();
            if (records.isEmpty() && behind == 0) {
                break;
            }
        }
        return new RecordsPage(records, last, behind);
    }

    /** The oldest record of the stream's first shard that has one (a real record for a sample event). */
    public Optional<StreamRecord> newestRecord(String stream) {
        for (ShardInfo shard : stream(stream).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            for (int call = 0; call < MAX_CALLS && iterator != null; call++) {
                String it = iterator;
                var page = kinesis.getRecords(b -> b.shardIterator(it).limit(1));
                if (!page.records().isEmpty()) {
                    Record r = page.records().get(0);
                    return Optional.of(new StreamRecord(shard.shardId(), r.sequenceNumber(), r.partitionKey(), r.data().asByteArray(),
                            r.approximateArrivalTimestamp()));
                }
                if (page.millisBehindLatest() == null || page.millisBehindLatest() == 0) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return Optional.empty();
    }

    static RecordView view(String shardId, Record r) {
        byte[] data = r.data().asByteArray();
        var users = KplUserRecords.of(new StreamRecord(shardId, r.sequenceNumber(), r.partitionKey(), data, r.approximateArrivalTimestamp()));
        boolean aggregated = users.stream().anyMatch(u -> u.aggregated());
        List<UserRecord> shown = users.stream().map(u -> new UserRecord(u.subSequenceNumber(), u.partitionKey(), DisplayText.of(u.data()))).toList();
        return new RecordView(shardId, r.sequenceNumber(), String.valueOf(r.approximateArrivalTimestamp()), r.partitionKey(), aggregated, data.length, shown);
    }
}
