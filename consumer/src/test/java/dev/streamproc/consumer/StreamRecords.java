package dev.streamproc.consumer;

import dev.streamproc.lambdakit.KinesisRecord;
import dev.streamproc.model.kpl.KplAggregateEncoder;
import dev.streamproc.model.kpl.UserRecord;
import java.util.ArrayList;
import java.util.List;

/** Stream records and KPL aggregates for tests. */
final class StreamRecords {

    static final String SHARD = "shardId-000000000000";

    private StreamRecords() {
    }

    /** A plain (non-aggregated) record at position {@code n} of the shard. */
    static KinesisRecord plain(int n, byte[] data) {
        return new KinesisRecord(SHARD, sequenceNumber(n), "pk-" + n, data);
    }

    /** A KPL aggregate at position {@code n} holding the given payloads as user records. */
    static KinesisRecord aggregate(int n, List<byte[]> payloads) {
        return new KinesisRecord(SHARD, sequenceNumber(n), "pk-" + n, aggregateBytes(payloads));
    }

    static byte[] aggregateBytes(List<byte[]> payloads) {
        List<UserRecord> users = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            users.add(new UserRecord("user-pk-" + i, null, i, payloads.get(i), true));
        }
        return KplAggregateEncoder.encode(users);
    }

    /** Kinesis-like sequence numbers: 56 digits, increasing with {@code n}. */
    static String sequenceNumber(int n) {
        return "49590338271490256608559692538361571095921575989136588" + String.format("%03d", n);
    }
}
