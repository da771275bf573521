package dev.streamproc.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.streamproc.lambdakit.testing.TestContext;

/**
 * Runs one invocation in a fresh JVM the way Lambda would: the no-argument constructor, so the
 * function configures itself from its environment only; the event JSON on standard input.
 */
public final class InvokeOnce {

    private InvokeOnce() {
    }

    public static void main(String[] args) {
        KinesisEvent event = LambdaEventSerializers.serializerFor(KinesisEvent.class, InvokeOnce.class.getClassLoader())
                .fromJson(System.in);
        StreamsEventResponse response = new ConsumerHandler().handleRequest(event, new TestContext("ConsumerFunction", 30_000));
        System.out.println("FAILURES " + response.getBatchItemFailures().size());
    }
}
