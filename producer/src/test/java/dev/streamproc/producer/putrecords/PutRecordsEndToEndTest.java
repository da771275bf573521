package dev.streamproc.producer.putrecords;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.model.kpl.UserRecord;
import dev.streamproc.producer.LocalKinesis;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.TweetPump;
import dev.streamproc.producer.synthetic.SyntheticTweets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real path: synthetic tweets → PutRecords over HTTPS → kinesis-local → read back. */
@Timeout(240)
class PutRecordsEndToEndTest {

    @TempDir
    static Path work;
    static LocalKinesis kinesis;

    @BeforeAll
    static void start() {
        kinesis = new LocalKinesis(work.resolve("kinesis"));
    }

    @AfterAll
    static void stop() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void everyTweetArrivesExactlyOnceUnaggregatedWithThePartitionKeyTheTweetId() {
        int n = 1_200;
        String stream = kinesis.freshStream("put-records", 2);
        List<OutgoingTweet> tweets = SyntheticTweets.withSeed(21).take(n);

        TweetPump.Tally tally;
        try (PutRecordsSink sink = PutRecordsClients.sink(kinesis.producerEnvironment(work.resolve("unused")), stream,
                LocalKinesis.CREDENTIALS)) {
            TweetPump pump = new TweetPump(sink);
            tweets.forEach(pump::submit);
            tally = pump.finish(Duration.ofSeconds(120));
        }

        assertThat(tally.sent()).isEqualTo(n);
        assertThat(tally.failed()).isZero();
        List<UserRecord> stored = kinesis.readUserRecords(stream);
        assertThat(stored).noneMatch(UserRecord::aggregated);
        assertThat(stored.stream().map(r -> r.partitionKey() + new String(r.data(), StandardCharsets.UTF_8)).toList())
                .containsExactlyInAnyOrderElementsOf(tweets.stream().map(t -> t.partitionKey() + t.json()).toList());
    }
}
