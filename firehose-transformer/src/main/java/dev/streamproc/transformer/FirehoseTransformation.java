package dev.streamproc.transformer;

import dev.streamproc.model.AthenaRow;
import dev.streamproc.model.ParseResult;
import dev.streamproc.model.TweetParser;
import dev.streamproc.model.kpl.CorruptAggregateException;
import dev.streamproc.model.kpl.KplAggregate;
import dev.streamproc.model.kpl.UserRecord;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Firehose batch of stream records into Athena rows: the whole transformer, without AWS types.
 *
 * <p>Rules, per source record (one answer each, in order):
 * <ul>
 *   <li>tweets become {@code Ok}, one JSON line each; a KPL aggregate's tweets are concatenated into one {@code Ok};</li>
 *   <li>a record holding only stream notices is {@code Dropped};</li>
 *   <li>a record with anything that can never be a tweet (malformed JSON, invalid UTF-8, corrupt aggregate) is
 *       {@code ProcessingFailed} as a whole, even when some of an aggregate's user records were tweets: Firehose then
 *       keeps the original bytes under the processing-failed prefix, so nothing is lost and nothing is half-written
 *       (the consumer stores the good tweets in EventData either way);</li>
 *   <li>the response must fit Lambda's 6 MB limit (see {@link #fitToResponseLimit}).</li>
 * </ul>
 */
public final class FirehoseTransformation {

    /**
     * Lambda caps a synchronous response at 6 MB; like AWS's Firehose blueprints we stay at 6,000,000 bytes so the
     * runtime's own framing always has room.
     */
    public static final long MAX_RESPONSE_BYTES = 6_000_000;

    private static final byte[] EMPTY = new byte[0];

    private final long maxResponseBytes;

    public FirehoseTransformation() {
        this(MAX_RESPONSE_BYTES);
    }

    /** @param maxResponseBytes response size limit (smaller in tests) */
    public FirehoseTransformation(long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public TransformedBatch transform(List<SourceRecord> records) {
        List<TransformedRecord> transformed = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            transformed.add(transform(record));
        }
        return fitToResponseLimit(transformed);
    }

    TransformedRecord transform(SourceRecord record) {
        List<UserRecord> userRecords;
        try {
            userRecords = KplAggregate.decode(record.data(), record.partitionKey() == null ? "" : record.partitionKey());
        } catch (CorruptAggregateException e) {
            return failed(record, e.getMessage());
        }
        byte[] firstRow = null; // most records hold one tweet: answer its row without copying it
        ByteArrayOutputStream rows = null;
        int rowCount = 0;
        int notices = 0;
        for (UserRecord userRecord : userRecords) {
            ParseResult parsed = TweetParser.parse(userRecord.data());
            if (parsed instanceof ParseResult.Parsed tweet) {
                byte[] line = AthenaRow.toJsonLine(tweet.tweet());
                if (firstRow == null) {
                    firstRow = line;
                } else {
                    if (rows == null) {
                        rows = new ByteArrayOutputStream(firstRow.length * userRecords.size());
                        rows.writeBytes(firstRow);
                    }
                    rows.writeBytes(line);
                }
                rowCount++;
            } else if (parsed instanceof ParseResult.Notice) {
                notices++;
            } else {
                String reason = ((ParseResult.Rejected) parsed).reason();
                return failed(record, userRecord.aggregated()
                        ? "user record " + userRecord.subSequenceNumber() + " of " + userRecords.size() + ": " + reason
                        : reason);
            }
        }
        if (firstRow == null) {
            return new TransformedRecord(record.recordId(), Result.Dropped, EMPTY, 0, notices, null);
        }
        byte[] data = rows == null ? firstRow : rows.toByteArray();
        return new TransformedRecord(record.recordId(), Result.Ok, data, rowCount, notices, null);
    }

    private static TransformedRecord failed(SourceRecord record, String reason) {
        return new TransformedRecord(record.recordId(), Result.ProcessingFailed, record.data(), 0, 0, reason);
    }

    /**
     * Keeps the response under the limit. Firehose's status model has no "retry this record" answer, and a response
     * over the limit fails the whole invocation, which Firehose retries and then sends entirely to processing-failed.
     * AWS's blueprints instead re-put such records into the delivery stream, which a stream with
     * a Kinesis source does not accept. So, in order, a record whose entry no longer fits becomes
     * {@code ProcessingFailed} with empty data: Firehose still writes its original bytes to the processing-failed
     * prefix (nothing is lost, and it can be re-driven), while every earlier record keeps its rows. Room for the
     * smallest entry of every later record is reserved first, so every record id is always answered.
     */
    TransformedBatch fitToResponseLimit(List<TransformedRecord> records) {
        long size = ResponseSize.ENVELOPE;
        for (TransformedRecord record : records) {
            size += minimalEntry(record);
        }
        List<TransformedRecord> fitted = new ArrayList<>(records.size());
        for (TransformedRecord record : records) {
            long extra = ResponseSize.entry(record.recordId(), record.result(), record.data().length) - minimalEntry(record);
            if (size + extra <= maxResponseBytes) {
                size += extra;
                fitted.add(record);
            } else {
                size += ResponseSize.entry(record.recordId(), Result.ProcessingFailed, 0) - minimalEntry(record);
                fitted.add(new TransformedRecord(record.recordId(), Result.ProcessingFailed, EMPTY, 0, 0,
                        "response size limit: the transformed data (" + record.data().length + " bytes) does not fit"
                                + " in the " + maxResponseBytes + "-byte response; Firehose keeps the original"));
            }
        }
        return new TransformedBatch(fitted, size - (records.isEmpty() ? 0 : 1)); // the first entry has no comma
    }

    /** The smallest entry a record can get: its own result if it carries no data, else ProcessingFailed with none. */
    private static long minimalEntry(TransformedRecord record) {
        Result smallest = record.data().length == 0 ? record.result() : Result.ProcessingFailed;
        return ResponseSize.entry(record.recordId(), smallest, 0);
    }
}
