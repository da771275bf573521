package dev.streamproc.lambdakit;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads the Lambda Kinesis event (data already base64-decoded by the runtime) into records. */
public final class KinesisRecords {

    private KinesisRecords() {
    }

    public static List<KinesisRecord> of(KinesisEvent event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        List<KinesisRecord> records = new ArrayList<>(event.getRecords().size());
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            KinesisEvent.Record kinesis = record.getKinesis();
            records.add(new KinesisRecord(
                    shardIdOf(record.getEventID()),
                    kinesis.getSequenceNumber(),
                    kinesis.getPartitionKey(),
                    bytesOf(kinesis.getData())));
        }
        return records;
    }

    /** The sequence numbers of the records, in delivery order. */
    public static List<String> sequenceNumbers(List<KinesisRecord> records) {
        return records.stream().map(KinesisRecord::sequenceNumber).toList();
    }

    /** Lambda's eventID is {@code shardId-000000000000:<sequence number>}. */
    static String shardIdOf(String eventId) {
        if (eventId == null) {
            return null;
        }
        int colon = eventId.indexOf(':');
        return colon < 0 ? eventId : eventId.substring(0, colon);
    }

    private static byte[] bytesOf(ByteBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        ByteBuffer view = data.duplicate(); // leave the event's buffer position alone
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
