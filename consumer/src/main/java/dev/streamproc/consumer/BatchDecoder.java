package dev.streamproc.consumer;

import dev.streamproc.lambdakit.ByteHead;
import dev.streamproc.lambdakit.KinesisRecord;
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

    public DecodedBatch decode(List<KinesisRecord> records) {
        Tally tally = new Tally();
        for (KinesisRecord record : records) {
            List<UserRecord> users;
            try {
                users = KplAggregate.decode(record.data(), record.partitionKey());
            } catch (CorruptAggregateException e) {
                // The whole Kinesis record counts as one user record: its contents are unknown.
                tally.reject(record, 0, record.data(), policy.corruptAggregate(e));
                continue;
            }
            for (UserRecord outer : users) {
                List<UserRecord> nested;
                try {
                    nested = KplAggregate.openNested(outer); // the archive path opens a nested aggregate too
                } catch (CorruptAggregateException e) {
                    tally.reject(record, outer.subSequenceNumber(), outer.data(), policy.corruptAggregate(e));
                    continue;
                }
                for (UserRecord user : nested) {
                    tally.account(record, user, dispositionOf(record, user));
                }
            }
        }
        return new DecodedBatch(records.size(), tally.userRecords, tally.skipped, List.copyOf(tally.rejections), tally.plan);
    }

    /** Every user record of the batch, once: stored (in the plan), skipped or rejected. */
    private static final class Tally {
        final WritePlan plan = new WritePlan();
        final List<Rejection> rejections = new ArrayList<>();
        int userRecords;
        int skipped;

        void account(KinesisRecord record, UserRecord user, Disposition disposition) {
            if (disposition instanceof Disposition.Store store) {
                userRecords++;
                plan.add(store.key(), store.attributes(), record.sequenceNumber(), user.data());
            } else if (disposition instanceof Disposition.Skip) {
                userRecords++;
                skipped++;
            } else {
                reject(record, user.subSequenceNumber(), user.data(), disposition);
            }
        }

        void reject(KinesisRecord record, long subSequenceNumber, byte[] data, Disposition disposition) {
            userRecords++;
            rejections.add(rejection(record, subSequenceNumber, data, disposition));
        }
    }

    private Disposition dispositionOf(KinesisRecord record, UserRecord user) {
        RecordLineage lineage = new RecordLineage(record.shardId(), record.sequenceNumber(), user.subSequenceNumber());
        try {
            return policy.dispositionOf(TweetParser.parse(user.data()), lineage);
        } catch (RuntimeException e) {
            return policy.unexpectedFailure(e);
        }
    }

    private static Rejection rejection(KinesisRecord record, long subSequenceNumber, byte[] data, Disposition disposition) {
        return new Rejection(record.shardId(), record.sequenceNumber(), subSequenceNumber,
                ((Disposition.Reject) disposition).reason(), ByteHead.escape(data));
    }
}
