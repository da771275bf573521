package dev.streamproc.local.stream;

import dev.streamproc.model.kpl.CorruptAggregateException;
import dev.streamproc.model.kpl.KplAggregate;
import dev.streamproc.model.kpl.UserRecord;
import java.util.List;

/**
 * The user records inside a Kinesis record, as Firehose and the KCL see them: the project's one KPL decoder
 * ({@link KplAggregate}) splits an aggregate; a plain record is one user record under its own partition key.
 * One rule on top: a record that carries the KPL magic but is not a valid aggregate (bad MD5, truncated,
 * malformed) passes through whole as one plain record, so nothing is lost.
 */
public final class KplUserRecords {

    private KplUserRecords() {
    }

    public static List<UserRecord> of(StreamRecord record) {
        try {
            return KplAggregate.decode(record.data(), record.partitionKey());
        } catch (CorruptAggregateException notAnAggregate) {
            return List.of(new UserRecord(record.partitionKey(), null, 0, record.data(), false));
        }
    }
}
