package dev.streamproc.producer.kinesis;

import java.util.Map;
import software.amazon.kinesis.producer.KinesisProducer;

/**
 * One {@link KinesisProducer} per JVM (per Lambda container): it starts a native daemon and
 * takes about two seconds to come up, so it is created on first use and destroyed by a
 * shutdown hook when the container goes away.
 */
public final class KplProducers {

    private static KinesisProducer shared;

    private KplProducers() {
    }

    public static synchronized KinesisProducer shared(Map<String, String> env) {
        if (shared == null) {
            KinesisProducer producer = new KinesisProducer(KplSettings.fromEnvironment(env));
            Runtime.getRuntime().addShutdownHook(new Thread(producer::destroy, "kpl-shutdown"));
            shared = producer;
        }
        return shared;
    }
}
