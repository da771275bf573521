package dev.streamproc.local.esm;

import dev.streamproc.local.stream.StreamRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The Lambda DynamoDB Streams event: {@code {"Records":[{...entry..., "eventSourceARN": STREAM}]}}. */
public final class DynamoDbEventFormat implements EventFormat {

    private static final byte[] OPEN = "{\"Records\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.UTF_8);
    private final byte[] sourceArnField;

    public DynamoDbEventFormat(String streamArn) {
        this.sourceArnField = (",\"eventSourceARN\":" + KinesisEventFormat.JSON.valueToTree(streamArn) + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] event(List<StreamRecord> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(OPEN);
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            byte[] entry = batch.get(i).data();
            // The entry is a JSON object: drop its closing brace and add the stream ARN, as Lambda does.
            out.write(entry, 0, entry.length - 1);
            out.writeBytes(sourceArnField);
        }
        out.writeBytes(CLOSE);
        return out.toByteArray();
    }

    @Override
    public int recordSize(StreamRecord record) {
        return record.data().length + sourceArnField.length;
    }

    @Override
    public int envelopeSize() {
        return OPEN.length + CLOSE.length;
    }

    @Override
    public String batchInfoKey() {
        return "DDBStreamBatchInfo";
    }
}
