package dev.streamproc.local.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamproc.consumer.ConsumerHandler;

/**
 * The real consumer, deployed behind a test-only wrapper that reproduces two faults on marked records (by
 * partition key), so the platform's handling of them can be tested without any test branch in the consumer:
 * <ul>
 *   <li>{@code poison-*}: the invocation throws before the consumer runs, like a bug that trips on one record;</li>
 *   <li>{@code slow-*}: the consumer writes the batch, then the invocation lingers {@value #PAUSE_MILLIS} ms before
 *       returning, a window in which the test kills the container mid-batch.</li>
 * </ul>
 * It runs in the function's container (a child JVM under the Runtime Interface Client), from the test classes
 * placed before the consumer's deployment jar.
 */
public class FaultyConsumerHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    static final String POISON = "poison-";
    static final String SLOW = "slow-";
    static final long PAUSE_MILLIS = 4_000;
    static final String PAUSING = "fault: slow batch written, pausing";

    private final ConsumerHandler consumer = new ConsumerHandler();

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        boolean slow = false;
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            String key = record.getKinesis().getPartitionKey();
            if (key.startsWith(POISON)) {
                throw new IllegalStateException("fault: poison record " + record.getKinesis().getSequenceNumber());
            }
            slow |= key.startsWith(SLOW);
        }
        StreamsEventResponse response = consumer.handleRequest(event, context);
        if (slow) {
            System.out.println(PAUSING + " (" + event.getRecords().size() + " records)");
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return response;
    }
}
