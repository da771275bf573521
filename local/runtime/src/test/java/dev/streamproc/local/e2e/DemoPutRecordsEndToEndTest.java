package dev.streamproc.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.demo.Demo;
import dev.streamproc.local.demo.DemoOptions;
import dev.streamproc.local.demo.DemoReport;
import dev.streamproc.local.demo.DemoSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamproc demo --producer put-records}: the second producer (SDK PutRecords, one Kinesis record per
 * tweet, as PutRecordsProducerFunction) feeds the same pipeline, and every record is accounted for just as exactly.
 */
class DemoPutRecordsEndToEndTest {

    static final long SEED = 5;
    static final int TWEETS = 150;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(300)
    void everyRecordOfThePutRecordsProducerIsAccountedFor() throws Exception {
        DemoOptions options = DemoOptions.builder().producer(DemoOptions.PUT_RECORDS).tweets(TWEETS).rate(0).seed(SEED)
                .malformed(2).notices(1).dataDir(dataDir).build();
        ExpectedTweets expected = ExpectedTweets.of(SEED, options.start(), TWEETS);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DemoReport report;
        try (Demo demo = new Demo(options, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            demo.start();
            demo.produce();
            report = demo.drain();
            DemoSummary.print(report, new PrintStream(console, true, StandardCharsets.UTF_8));
            System.out.println(console.toString(StandardCharsets.UTF_8));

            Map<String, Object> ids = new HashMap<>();
            DynamoItems.scanAll(demo.pipeline().cloud().dynamoDbClient(), demo.tableName())
                    .forEach(item -> ids.put((String) item.get("Id"), item));
            assertThat(ids.keySet()).containsExactlyInAnyOrderElementsOf(expected.tweets().stream().map(t -> t.id()).toList());
        }
        var a = report.accounting();

        assertThat(Files.readString(dataDir.resolve("logs/producer-cli.log"))).contains("PutRecords producer started");
        assertThat(a.problems()).isEmpty();
        assertThat(a.produced()).isEqualTo(TWEETS + 3);
        assertThat(a.distinctRecords()).isEqualTo(a.produced());
        assertThat(a.kinesisRecords()).as("PutRecords: one Kinesis record per user record, no aggregation").isEqualTo(a.userRecords());
        assertThat(a.eventDataItems()).isEqualTo(expected.tweets().size());
        assertThat(a.consumerAccounted()).isEqualTo(a.userRecords());
        assertThat(a.archiveAccounted()).isEqualTo(a.userRecords());
        assertThat(a.s3OkRows()).isEqualTo(a.itemRecords());
        assertThat(a.sourceRejected()).isZero();
        assertThat(report.closes()).isTrue();
    }
}
