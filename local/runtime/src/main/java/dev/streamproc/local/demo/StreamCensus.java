package dev.streamproc.local.demo;

import dev.streamproc.local.stream.KplUserRecords;
import dev.streamproc.local.stream.StartPosition;
import dev.streamproc.local.stream.StreamRecord;
import dev.streamproc.local.stream.StreamSource;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything on the stream, read back from TRIM_HORIZON with plain GetRecords after the producer finished:
 * how many Kinesis records and user records (KPL de-aggregated) there are, and when each arrived — the
 * stream's own ApproximateArrivalTimestamp, which is the "put time" latencies are measured from.
 */
public final class StreamCensus {

    /** One user record: where it is on the stream and when the stream accepted it. */
    public record UserRecord(String shardId, String sequenceNumber, long subSequenceNumber, String partitionKey, byte[] data,
                             Instant arrival) {

        /** Where it is: {@code shardId/sequenceNumber/subSequenceNumber}. */
        public String position() {
            return shardId + "/" + sequenceNumber + "/" + subSequenceNumber;
        }

        /** What it is: equal for a record and its duplicates (producer retries put the same bytes again). */
        public String content() {
            return partitionKey + "\u0000" + java.util.Base64.getEncoder().encodeToString(data);
        }
    }

    private final long kinesisRecords;
    private final List<UserRecord> userRecords;
    private final Map<String, Instant> arrivalBySequence = new HashMap<>();
    private final Map<String, Instant> arrivalByPartitionKey = new HashMap<>();
    private final Map<String, UserRecord> byPosition = new HashMap<>();
    private final Map<String, Integer> copies = new HashMap<>();

    private StreamCensus(long kinesisRecords, List<UserRecord> userRecords) {
        this.kinesisRecords = kinesisRecords;
        this.userRecords = List.copyOf(userRecords);
        for (UserRecord r : userRecords) {
            arrivalBySequence.putIfAbsent(r.shardId() + "/" + r.sequenceNumber(), r.arrival());
            arrivalByPartitionKey.putIfAbsent(r.partitionKey(), r.arrival());
            byPosition.put(r.position(), r);
            copies.merge(r.content(), 1, Integer::sum);
        }
    }

    /** No figures: the stream could not be read (its server was lost with its records). */
    public static StreamCensus unavailable() {
        return new StreamCensus(0, List.of());
    }

    /** Reads every shard to its current end. */
    public static StreamCensus read(StreamSource stream) {
        long kinesisRecords = 0;
        List<UserRecord> users = new ArrayList<>();
        for (String shardId : stream.shardIds()) {
            String iterator = stream.shardIterator(shardId, StartPosition.trimHorizon());
            while (iterator != null) {
                StreamSource.Page page = stream.getRecords(shardId, iterator, 10_000);
                for (StreamRecord record : page.records()) {
                    kinesisRecords++;
                    for (dev.streamproc.model.kpl.UserRecord user : KplUserRecords.of(record)) {
                        users.add(new UserRecord(shardId, record.sequenceNumber(), user.subSequenceNumber(), user.partitionKey(), user.data(),
                                record.approximateArrivalTimestamp()));
                    }
                }
                iterator = page.nextIterator();
                if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
                    break; // at the tip of an open shard
                }
            }
        }
        return new StreamCensus(kinesisRecords, users);
    }

    public long kinesisRecords() {
        return kinesisRecords;
    }

    public List<UserRecord> userRecords() {
        return userRecords;
    }

    /** The user record at {@code shardId/sequenceNumber/subSequenceNumber}, or null. */
    public UserRecord at(String position) {
        return byPosition.get(position);
    }

    /** How many times the same record (same key and bytes) is on the stream. */
    public int copiesOf(UserRecord record) {
        return copies.getOrDefault(record.content(), 0);
    }

    /** Distinct records: duplicates put by producer retries counted once. */
    public long distinctRecords() {
        return copies.size();
    }

    /** When the Kinesis record with this shard and sequence number arrived, or null. */
    public Instant arrivalOf(String shardId, String sequenceNumber) {
        return arrivalBySequence.get(shardId + "/" + sequenceNumber);
    }

    /** When the first record with this partition key (the tweet id) arrived, or null. */
    public Instant arrivalOfKey(String partitionKey) {
        return arrivalByPartitionKey.get(partitionKey);
    }

    /** User records of a shard between two sequence numbers, inclusive (an on-failure batch's range). */
    public long userRecordsBetween(String shardId, String first, String last) {
        BigInteger from = new BigInteger(first);
        BigInteger to = new BigInteger(last);
        return userRecords.stream().filter(r -> r.shardId().equals(shardId))
                .map(r -> new BigInteger(r.sequenceNumber()))
                .filter(s -> s.compareTo(from) >= 0 && s.compareTo(to) <= 0).count();
    }
}
