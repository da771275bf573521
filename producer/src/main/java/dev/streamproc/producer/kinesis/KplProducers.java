package dev.streamproc.producer.kinesis;

import java.time.Duration;
import java.util.Map;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

/**
 * One {@link KinesisProducer} per JVM (per Lambda container): it starts a native daemon and
 * takes about two seconds to come up, so it is created on first use and destroyed by a
 * shutdown hook when the container goes away.
 */
public final class KplProducers {

    private static KinesisProducer shared;
    private static Duration outcomeDeadline;

    private KplProducers() {
    }

    /** A sink to {@code stream} over this JVM's producer (created on first use from {@code env}). */
    public static synchronized KplSink sink(Map<String, String> env, String stream) {
        if (shared == null) {
            KinesisProducerConfiguration config = KplSettings.fromEnvironment(env);
            KinesisProducer producer = new KinesisProducer(config);
            Runtime.getRuntime().addShutdownHook(new Thread(producer::destroy, "kpl-shutdown"));
            outcomeDeadline = KplSettings.outcomeDeadline(config);
            shared = producer;
        }
        return new KplSink(shared, stream, outcomeDeadline);
    }
}
