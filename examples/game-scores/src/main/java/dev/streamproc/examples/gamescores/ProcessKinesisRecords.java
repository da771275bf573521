package dev.streamproc.examples.gamescores;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.streamproc.lambdakit.KinesisRecord;
import dev.streamproc.lambdakit.KinesisRecords;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Part 1 of the lab: the "Process records sent to a Kinesis stream" blueprint
 * (kinesis-process-record-python) in Java — decode each record of {@code Lab-Stream} and log it.
 * Logging cannot fail per record, so the whole batch succeeds, as the blueprint's does.
 */
public class ProcessKinesisRecords implements RequestHandler<KinesisEvent, String> {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessKinesisRecords.class);

    @Override
    public String handleRequest(KinesisEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            List<KinesisRecord> records = KinesisRecords.of(event);
            for (KinesisRecord record : records) {
                LOG.info("Decoded payload: {}", PayloadText.of(record.data()),
                        entry("shardId", record.shardId()),
                        entry("sequenceNumber", record.sequenceNumber()),
                        entry("partitionKey", record.partitionKey()));
            }
            return "Successfully processed " + records.size() + " records.";
        });
    }
}
