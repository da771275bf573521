package dev.streamproc.consumer;

import dev.streamproc.lambdakit.Deadline;
import java.util.Map;

/** Where items go; {@link BatchWriter} is the DynamoDB one. */
public interface ItemSink {

    /** Writes the items, trying until the deadline; reports which ones are still unwritten. */
    WriteOutcome write(Map<ItemKey, Map<String, Object>> items, Deadline deadline);
}
