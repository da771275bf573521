package dev.streamproc.local.esm;

import dev.streamproc.local.stream.StreamRecord;
import java.util.List;

/** How a batch of stream records becomes the event JSON a function receives (Kinesis or DynamoDB Streams shape). */
public interface EventFormat {

    byte[] event(List<StreamRecord> batch);

    /** Bytes one record adds to the event, to keep a batch under the invocation payload limit. */
    int recordSize(StreamRecord record);

    /** Bytes of the event around its records. */
    int envelopeSize();

    /** The key of the batch description in an on-failure record: {@code KinesisBatchInfo} / {@code DDBStreamBatchInfo}. */
    String batchInfoKey();
}
