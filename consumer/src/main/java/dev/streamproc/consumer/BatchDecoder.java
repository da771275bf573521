package dev.streamproc.consumer;

import dev.streamproc.model.RecordLineage;
import dev.streamproc.model.TweetParser;
import dev.streamproc.model.kpl.CorruptAggregateException;
import dev.streamproc.model.kpl.KplAggregate;
import dev.streamproc.model.kpl.UserRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU half of the consumer (no I/O): de-aggregate each Kinesis record, parse each user
 * record, map tweets to EventData items, and account for everything else.
 */
public final class BatchDecoder {

    private final FailurePolicy policy;

    public BatchDecoder(FailurePolicy policy) {
        this.policy = policy;
    }

    public DecodedBatch decode(List<StreamRecord> records) {
        WritePlan plan = new WritePlan();
        List<Rejection> rejections = new ArrayList<>();
        int userRecords = 0;
        int skipped = 0;
        for (StreamRecord record : records) {
            List<UserRecord> users;
            try {
                users = KplAggregate.decode(record.data(), record.partitionKey());
            } catch (CorruptAggregateException e) {
                // The whole Kinesis record counts as one user record: its contents are unknown.
                userRecords++;
                rejections.add(rejection(record, 0, record.data(), policy.corruptAggregate(e)));
                continue;
            }
            for (UserRecord user : users) {
                userRecords++;
                Disposition disposition = dispositionOf(record, user);
                if (disposition instanceof Disposition.Store store) {
                    plan.add(store.key(), store.attributes(), record.sequenceNumber(), user.data());
                } else if (disposition instanceof Disposition.Skip) {
                    skipped++;
                } else {
                    rejections.add(rejection(record, user.subSequenceNumber(), user.data(), (Disposition.Reject) disposition));
                }
            }
        }
        return new DecodedBatch(records.size(), userRecords, skipped, List.copyOf(rejections), plan);
    }

    private Disposition dispositionOf(StreamRecord record, UserRecord user) {
        RecordLineage lineage = new RecordLineage(record.shardId(), record.sequenceNumber(), user.subSequenceNumber());
        try {
            return policy.dispositionOf(TweetParser.parse(user.data()), lineage);
        } catch (RuntimeException e) {
            return policy.unexpectedFailure(e);
        }
    }

    private static Rejection rejection(StreamRecord record, long subSequenceNumber, byte[] data, Disposition disposition) {
        return new Rejection(record.shardId(), record.sequenceNumber(), subSequenceNumber,
                ((Disposition.Reject) disposition).reason(), ByteHead.escape(data));
    }
}
