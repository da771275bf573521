package dev.streamproc.examples.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.streamproc.lambdakit.testing.KinesisEventJson;
import dev.streamproc.lambdakit.testing.LambdaEvents;
import dev.streamproc.lambdakit.testing.TestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Part 1: the lab's Test tab with the Kinesis template event, then a batch with a record that is not text. */
class ProcessKinesisRecordsTest {

    private final ProcessKinesisRecords function = new ProcessKinesisRecords();

    @Test
    void theLabsTestEventSucceedsAsTheBlueprintDoes() {
        KinesisEvent event = LambdaEvents.fromFile(KinesisEvent.class, Path.of("events/stream.json"));

        assertThat(function.handleRequest(event, new TestContext("ProcessKinesisRecords", 3_000)))
                .isEqualTo("Successfully processed 2 records.");
    }

    @Test
    void aRecordThatIsNotTextIsLoggedEscapedAndTheBatchStillSucceeds() {
        KinesisEventJson event = new KinesisEventJson("Lab-Stream").record("first").record(new byte[] {(byte) 0xC3, 0x28})
                .record("third");

        assertThat(function.handleRequest(event.event(), new TestContext("ProcessKinesisRecords", 3_000)))
                .isEqualTo("Successfully processed 3 records.");
    }
}
