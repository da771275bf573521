package dev.streamproc.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.model.RecordLineage;
import dev.streamproc.model.TweetParser;
import org.junit.jupiter.api.Test;

/**
 * Key values against DynamoDB's limits (DynamoDB Developer Guide, "Constraints": partition key value 1 to 2,048
 * bytes, sort key value 1 to 1,024 bytes, also for a secondary index's key attributes), counted in UTF-8 bytes.
 */
class KeyLimitsTest {

    private final FailurePolicy policy = new FailurePolicy();
    private final RecordLineage lineage = new RecordLineage("shardId-000000000000", "4959", 0);

    @Test
    void aScreenNameOverTheTablesPartitionKeyLimitIsRejectedWithItsReason() {
        assertThat(disposition(TestTweets.status("1", "u".repeat(3000), "hi", "#t")))
                .isEqualTo(new Disposition.Reject("Username (partition key) of 3000 bytes exceeds DynamoDB's 2048"));
    }

    @Test
    void anIdOverTheSortKeyLimitIsRejectedWithItsReason() {
        assertThat(disposition(TestTweets.status("9".repeat(1100), "bob", "hi", "#t")))
                .isEqualTo(new Disposition.Reject("Id (sort key) of 1100 bytes exceeds DynamoDB's 1024"));
    }

    @Test
    void aTopicOverTheIndexPartitionKeyLimitIsRejectedWithItsReason() {
        assertThat(disposition(TestTweets.status("1", "carol", "hi", "#".repeat(3000))))
                .isEqualTo(new Disposition.Reject("Topic (ByTopic index partition key) of 3000 bytes exceeds DynamoDB's 2048"));
    }

    @Test
    void limitsCountUtf8BytesNotCharacters() {
        // 700 three-byte characters: 2,100 bytes, although only 700 chars.
        assertThat(disposition(TestTweets.status("1", "語".repeat(700), "hi", null)))
                .isEqualTo(new Disposition.Reject("Username (partition key) of 2100 bytes exceeds DynamoDB's 2048"));
        // 512 two-byte characters: exactly 1,024 bytes, within the sort key's limit.
        assertThat(disposition(TestTweets.status("é".repeat(512), "dave", "hi", null))).isInstanceOf(Disposition.Store.class);
    }

    @Test
    void keysAtExactlyTheLimitsAreStored() {
        assertThat(disposition(TestTweets.status("9".repeat(1024), "u".repeat(2048), "hi", "#".repeat(2048))))
                .isInstanceOf(Disposition.Store.class);
    }

    @Test
    void aTweetWithoutATopicIsStoredOutsideTheSparseIndex() {
        assertThat(disposition(TestTweets.status("1", "erin", "hi", null))).isInstanceOf(Disposition.Store.class);
    }

    private Disposition disposition(byte[] tweet) {
        return policy.dispositionOf(TweetParser.parse(tweet), lineage);
    }
}
