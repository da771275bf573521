package dev.streamproc.producer;

import dev.streamproc.producer.putrecords.PutRecordsClients;
import dev.streamproc.producer.putrecords.PutRecordsSink;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The seed's second producer: the same sources and settings as {@link ProducerHandler}, written
 * with SDK v2 {@code PutRecords} instead of the KPL (no native daemon, no aggregation).
 */
public class PutRecordsProducerHandler extends ProducerHandler {

    /** One sink (client, connections, sender threads) per container. */
    private static PutRecordsSink sink;

    public PutRecordsProducerHandler() {
        this(System.getenv(), null);
    }

    PutRecordsProducerHandler(Map<String, String> env, SsmClient ssm) {
        super(env, ssm, PutRecordsProducerHandler::sharedSink);
    }

    private static synchronized RecordSink sharedSink(Map<String, String> env, String stream) {
        if (sink == null) {
            sink = PutRecordsClients.sink(env, stream);
        }
        return sink;
    }
}
