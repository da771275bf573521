package dev.streamproc.local.e2e;

import dev.streamproc.model.kpl.KplAggregateEncoder;
import dev.streamproc.model.kpl.UserRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The records of the bad-record battery (issue 11): for one shard, good tweets and one record of every hostile kind,
 * each a Kinesis entry of its own (an aggregate's user records are its parts). Every record is unique (its own
 * tweet id, or unique bytes), so each outcome on either path can be traced back to the record it came from.
 */
final class BadRecordBattery {

    /** What a record is, and the one outcome each path must give it. */
    enum Category {
        GOOD("good tweet", Consumer.ITEM, Archive.ROW),
        GOOD_AGGREGATED("good tweet in a KPL aggregate", Consumer.ITEM, Archive.ROW),
        RANDOM_BYTES("random bytes", Consumer.REJECTED, Archive.FAILED),
        INVALID_UTF8("invalid UTF-8 in valid JSON", Consumer.REJECTED, Archive.FAILED),
        TRUNCATED("truncated JSON", Consumer.REJECTED, Archive.FAILED),
        ARRAY("JSON array", Consumer.REJECTED, Archive.FAILED),
        // Over DynamoDB's 400 KB item limit, within the parser's 1 MiB: archived, not stored.
        ONE_MIB("1 MiB record", Consumer.REJECTED, Archive.ROW),
        DEEP("10,000-deep nesting", Consumer.REJECTED, Archive.FAILED),
        KPL_GARBAGE("KPL magic + garbage", Consumer.REJECTED, Archive.FAILED),
        // DynamoDB key limits (Developer Guide, "Constraints"): partition key 2,048 bytes, sort key 1,024 bytes;
        // the archive has no such limits and keeps them.
        LONG_SCREEN_NAME("screen_name of 3,000 chars", Consumer.REJECTED, Archive.ROW),
        LONG_ID("id of 1,100 digits", Consumer.REJECTED, Archive.ROW),
        LONG_TOPIC("topic of 3,000 chars", Consumer.REJECTED, Archive.ROW),
        TEXT_100KB("100 KB text", Consumer.ITEM, Archive.ROW),
        ID_BEYOND_2_63("id beyond 2^63", Consumer.ITEM, Archive.ROW),
        // docs/contracts.md: an empty id or screen_name makes no tweet, on both paths.
        EMPTY_ID("empty id_str", Consumer.REJECTED, Archive.FAILED),
        EMPTY_SCREEN_NAME("empty screen_name", Consumer.REJECTED, Archive.FAILED),
        EMPTY_AGGREGATE("KPL aggregate with no user records", Consumer.REJECTED, Archive.FAILED),
        NESTED_AGGREGATE("nested KPL aggregate", Consumer.ITEM, Archive.ROW),
        NOTICE("stream notice", Consumer.SKIPPED, Archive.DROPPED),
        // Between two good tweets in one aggregate: both paths judge each user record alone.
        BAD_IN_AGGREGATE("truncated JSON inside a KPL aggregate", Consumer.REJECTED, Archive.FAILED);

        final String label;
        final Consumer consumer;
        final Archive archive;

        Category(String label, Consumer consumer, Archive archive) {
            this.label = label;
            this.consumer = consumer;
            this.archive = archive;
        }
    }

    /** Outcomes on the consumer path. */
    enum Consumer { ITEM, REJECTED, ON_FAILURE, SKIPPED }

    /** Outcomes on the Firehose path. */
    enum Archive { ROW, FAILED, DROPPED }

    /** One user record: its category, and the tweet id it carries when it can become an item or a row. */
    record Part(Category category, byte[] data, String tweetId) {
    }

    /** One Kinesis record put with PutRecords: plain (one part) or a KPL aggregate (a part per user record). */
    record Entry(String partitionKey, String explicitHashKey, byte[] data, List<Part> parts) {
        long size() {
            return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    /** Kinesis's largest record: data and partition key together (PutRecords API reference). */
    static final int MAX_RECORD_BYTES = 1024 * 1024;

    private final Random random;
    private int serial;

    BadRecordBattery(long seed) {
        this.random = new Random(seed);
    }

    /** Good tweets and one record of each bad kind, all aimed at one shard through its starting hash key. */
    List<Entry> forShard(int shard, String hashKey, int goodTweets) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < goodTweets; i++) {
            String id = nextId();
            entries.add(plain(hashKey, Category.GOOD, tweet(id, "good_" + shard, "good tweet " + i, "battery"), id));
        }
        String a = nextId();
        String b = nextId();
        entries.add(aggregate(hashKey, List.of(
                new Part(Category.GOOD_AGGREGATED, tweet(a, "agg_" + shard, "aggregated a", "battery"), a),
                new Part(Category.GOOD_AGGREGATED, tweet(b, "agg_" + shard, "aggregated b", "battery"), b))));

        byte[] noise = new byte[512];
        random.nextBytes(noise);
        noise[0] = (byte) (0x80 | shard); // never '{', '[' or the KPL magic
        entries.add(plain(hashKey, Category.RANDOM_BYTES, noise, null));

        entries.add(plain(hashKey, Category.INVALID_UTF8, concat(ascii("{\"id_str\":\"" + nextId() + "\",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\","
                + "\"user\":{\"screen_name\":\"u\"},\"text\":\"bad "), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, ascii("\"}")), null));

        byte[] whole = tweet(nextId(), "cut_" + shard, "this tweet is cut off in the middle of its text", "battery");
        entries.add(plain(hashKey, Category.TRUNCATED, Arrays.copyOf(whole, whole.length / 2), null));

        entries.add(plain(hashKey, Category.ARRAY, ascii("[" + new String(tweet(nextId(), "arr", "in an array", "battery"), StandardCharsets.UTF_8) + ",2]"), null));

        String bigId = nextId();
        String key = "pk-" + bigId;
        byte[] skeleton = tweet(bigId, "big_" + shard, "", "battery");
        int textBytes = MAX_RECORD_BYTES - key.length() - skeleton.length;
        byte[] oneMib = tweet(bigId, "big_" + shard, "x".repeat(textBytes), "battery");
        entries.add(new Entry(key, hashKey, oneMib, List.of(new Part(Category.ONE_MIB, oneMib, bigId))));

        entries.add(plain(hashKey, Category.DEEP, ascii("{\"id_str\":\"" + nextId() + "\",\"deep\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"), null));

        byte[] garbage = new byte[200];
        random.nextBytes(garbage);
        entries.add(plain(hashKey, Category.KPL_GARBAGE, concat(KPL_MAGIC, garbage), null));

        String longName = nextId();
        entries.add(plain(hashKey, Category.LONG_SCREEN_NAME, tweet(longName, "n".repeat(2_995) + shard + serial, "long name", "battery"), longName));
        String longId = "1".repeat(1_100 - 4) + String.format("%04d", ++serial);
        entries.add(plain(hashKey, Category.LONG_ID, tweetWithIdStrOnly(longId, "long_id_" + shard), longId));
        String longTopic = nextId();
        entries.add(plain(hashKey, Category.LONG_TOPIC, tweet(longTopic, "topic_" + shard, "long topic", "t".repeat(3_000)), longTopic));
        String bigText = nextId();
        entries.add(plain(hashKey, Category.TEXT_100KB, tweet(bigText, "text_" + shard, "y".repeat(100_000), "battery"), bigText));
        String beyond = "9" + "9".repeat(20) + String.format("%04d", ++serial); // > 2^63 - 1 = 9223372036854775807
        entries.add(plain(hashKey, Category.ID_BEYOND_2_63, tweet(beyond, "beyond_" + shard, "id beyond 2^63", "battery"), beyond));

        entries.add(plain(hashKey, Category.EMPTY_ID, ascii("{\"id_str\":\"\",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"text\":\"empty id "
                + nextId() + "\",\"user\":{\"screen_name\":\"e\"}}"), null));
        entries.add(plain(hashKey, Category.EMPTY_SCREEN_NAME, tweet(nextId(), "", "empty screen name", "battery"), null));

        byte[] empty = emptyAggregate("empty-" + nextId());
        entries.add(new Entry("empty-" + serial, hashKey, empty, List.of(new Part(Category.EMPTY_AGGREGATE, empty, null))));

        String nested = nextId();
        byte[] inner = KplAggregateEncoder.encode(List.of(new UserRecord("inner-" + nested, null, 0, tweet(nested, "nested_" + shard, "nested", "battery"), false)));
        entries.add(aggregateOf(hashKey, List.of(new Part(Category.NESTED_AGGREGATE, inner, nested))));

        String c = nextId();
        String d = nextId();
        byte[] cut = tweet(nextId(), "cut_agg_" + shard, "cut off inside an aggregate", "battery");
        entries.add(aggregate(hashKey, List.of(
                new Part(Category.GOOD_AGGREGATED, tweet(c, "agg_" + shard, "before the bad one", "battery"), c),
                new Part(Category.BAD_IN_AGGREGATE, Arrays.copyOf(cut, cut.length - 7), null),
                new Part(Category.GOOD_AGGREGATED, tweet(d, "agg_" + shard, "after the bad one", "battery"), d))));

        entries.add(plain(hashKey, Category.NOTICE, ascii("{\"limit\":{\"track\":" + nextId() + ",\"timestamp_ms\":\"1700000000000\"}}"), null));
        return entries;
    }

    private String nextId() {
        return Long.toString(8_300_000_000_000_000_000L + ++serial);
    }

    private static Entry plain(String hashKey, Category category, byte[] data, String tweetId) {
        return new Entry("pk-" + Arrays.hashCode(data), hashKey, data, List.of(new Part(category, data, tweetId)));
    }

    private static Entry aggregate(String hashKey, List<Part> parts) {
        return aggregateOf(hashKey, parts);
    }

    private static Entry aggregateOf(String hashKey, List<Part> parts) {
        List<UserRecord> users = new ArrayList<>();
        for (Part part : parts) {
            users.add(new UserRecord("user-" + Arrays.hashCode(part.data()), null, users.size(), part.data(), false));
        }
        return new Entry("agg-" + parts.get(0).tweetId(), hashKey, KplAggregateEncoder.encode(users), parts);
    }

    static byte[] tweet(String id, String user, String text, String topic) {
        return ascii("{\"id_str\":\"" + id + "\",\"id\":" + id + ",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"text\":\"" + text
                + "\",\"lang\":\"en\",\"user\":{\"id_str\":\"42\",\"screen_name\":\"" + user + "\",\"name\":\"Battery\","
                + "\"followers_count\":1},\"entities\":{\"hashtags\":[]},\"retweet_count\":0,\"favorite_count\":0,"
                + "\"topic\":\"" + topic + "\"}");
    }

    /** A numeric {@code id} of 1,100 digits is over Jackson's number length limit: the long id is in {@code id_str} only. */
    static byte[] tweetWithIdStrOnly(String id, String user) {
        return ascii("{\"id_str\":\"" + id + "\",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"text\":\"long id\",\"lang\":\"en\","
                + "\"user\":{\"screen_name\":\"" + user + "\"},\"topic\":\"battery\"}");
    }

    /** A valid aggregate (magic, protobuf, MD5) whose message has a partition key table but no records. */
    static byte[] emptyAggregate(String partitionKey) {
        byte[] key = ascii(partitionKey);
        ByteArrayOutputStream protobuf = new ByteArrayOutputStream();
        protobuf.write(0x0A); // field 1, length-delimited
        protobuf.write(key.length);
        protobuf.writeBytes(key);
        byte[] message = protobuf.toByteArray();
        try {
            return concat(KPL_MAGIC, message, MessageDigest.getInstance("MD5").digest(message));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
