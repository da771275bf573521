package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.firehose.StackDeliveryStreams;
import dev.streamproc.local.stream.StartPosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project template read into event source mappings and delivery streams (created, not started). */
class StackWiringTest {

    private final StreamTestServers servers = StreamTestServers.get();

    @TempDir
    Path dataDir;

    @Test
    void theConsumersKinesisEventBecomesAMappingWithTheTemplatesSettings() {
        Template template = Template.load(RepoRoot.find().resolve("template.yaml"));

        List<EventSourceMapping> mappings = StackEventSources.create(template, servers.kinesis, null, servers.sqs,
                (f, e) -> null, dataDir, s -> s.toBuilder().idlePollInterval(Duration.ofMillis(200)).retryDelay(Duration.ofMillis(100)).build());

        assertThat(mappings).singleElement().satisfies(m -> {
            EsmSettings s = m.settings();
            assertThat(s.functionId()).isEqualTo("ConsumerFunction");
            assertThat(s.functionArn()).isEqualTo(template.function("ConsumerFunction").arn());
            assertThat(s.streamArn()).isEqualTo(template.arn("TweetStream"));
            assertThat(s.startingPosition()).isEqualTo(StartPosition.trimHorizon());
            assertThat(s.maximumRetryAttempts()).isEqualTo(5);
            assertThat(s.bisectBatchOnFunctionError()).isTrue();
            assertThat(s.reportBatchItemFailures()).isTrue();
            assertThat(s.maximumRecordAgeSeconds()).isEqualTo(21600);
            assertThat(s.onFailureDestination()).isEqualTo(template.arn("ConsumerFailureQueue"));
            assertThat(s.idlePollInterval()).isEqualTo(Duration.ofMillis(200));
        });
    }

    @Test
    void theDeliveryStreamBecomesAFirehoseDelivery() {
        Template template = Template.load(RepoRoot.find().resolve("template.yaml"));

        List<FirehoseDelivery> deliveries = StackDeliveryStreams.create(template, servers.kinesis, servers.s3, (f, e) -> null, dataDir);

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.settings().sourceStreamArn()).isEqualTo(template.arn("TweetStream"));
            assertThat(d.settings().bucket()).isEqualTo(template.physicalName("ArchiveBucket"));
            assertThat(d.settings().hasProcessor()).isTrue();
        });
    }
}
