package dev.streamproc.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.streamproc.model.Fixtures.tweet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class EventDataItemTest {

    private static final RecordLineage LINEAGE =
            new RecordLineage("shardId-000000000003", "49590338271490256608559692538361571095921575989136588898", 7);

    @Test
    void mapsEveryAttributeOfTheContractInOrder() {
        EventDataItem item = EventDataItem.from(tweet("v1-retweet.json"), LINEAGE);

        assertThat(item.attributes()).containsExactly(
                entry("Username", "retweeter"),
                entry("Id", "505875112133890048"),
                entry("Timestamp", "2014-08-31T00:30:00Z"),
                entry("Message", "RT @awscloud: Real-time stream processing on AWS: Kinesis streams feed Lambda"
                        + " functions that write to DynamoDB and archive to S3 via Firehose. #serverless #AWS"),
                entry("Lang", "en"),
                entry("Hashtags", List.of("serverless", "aws")),
                entry("RetweetCount", 120L),
                entry("FavoriteCount", 0L),
                entry("IsRetweet", true),
                entry("Topic", "#AWS"),
                entry("ShardId", "shardId-000000000003"),
                entry("SequenceNumber", "49590338271490256608559692538361571095921575989136588898"),
                entry("SubSequenceNumber", 7L));
    }

    @Test
    void leavesTopicOutWhenTheRecordHasNone() {
        Map<String, Object> attributes = EventDataItem.from(tweet("v1-plain.json"), LINEAGE).attributes();

        assertThat(attributes).doesNotContainKey("Topic").containsEntry("IsRetweet", false);
        assertThat(attributes.values()).allSatisfy(value ->
                assertThat(value).isInstanceOfAny(String.class, Long.class, Boolean.class, List.class));
    }

    @Test
    void writesTimestampsAsIsoUtcAtSecondPrecision() {
        assertThat(EventDataItem.from(tweet("v1-japanese.json"), LINEAGE).timestamp()).isEqualTo("2015-01-01T03:00:00Z");
        assertThat(EventDataItem.from(tweet("v2-expanded-author.json"), LINEAGE).timestamp())
                .as("v2 milliseconds are cut so timestamps sort as text").isEqualTo("2022-11-16T12:34:56Z");
    }

    @Test
    void usesTheV2AuthorIdAsUsernameWhenTheAuthorIsNotExpanded() {
        EventDataItem item = EventDataItem.from(tweet("v2-bare.json"), LINEAGE);

        assertThat(item.username()).isEqualTo("9000");
        assertThat(item.id()).isEqualTo("1593000000000000008");
        assertThat(item.favoriteCount()).isEqualTo(10);
    }
}
