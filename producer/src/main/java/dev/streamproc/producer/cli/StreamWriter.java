package dev.streamproc.producer.cli;

import dev.streamproc.producer.RecordSink;
import dev.streamproc.producer.kinesis.KplSettings;
import dev.streamproc.producer.kinesis.KplSink;
import dev.streamproc.producer.putrecords.PutRecordsClients;
import dev.streamproc.producer.putrecords.PutRecordsSink;
import java.util.Map;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

/** The CLI's choice of producer ({@code --producer}): the sink and what to close after the run. */
record StreamWriter(String name, RecordSink sink, Runnable closer) implements AutoCloseable {

    static StreamWriter open(String producer, Map<String, String> env, String stream) {
        if (producer.equals(CliOptions.PUT_RECORDS)) {
            PutRecordsSink sink = PutRecordsClients.sink(env, stream);
            return new StreamWriter("PutRecords producer", sink, sink::close);
        }
        KinesisProducerConfiguration config = KplSettings.fromEnvironment(env);
        KinesisProducer kpl = new KinesisProducer(config);
        return new StreamWriter("KPL", new KplSink(kpl, stream, KplSettings.outcomeDeadline(config)), kpl::destroy);
    }

    @Override
    public void close() {
        closer.run();
    }
}
