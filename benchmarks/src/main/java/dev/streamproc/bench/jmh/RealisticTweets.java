package dev.streamproc.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic Twitter API v1.1 statuses shaped like real stream traffic: full user objects,
 * entities, a mix of English, Japanese and emoji text, retweets (with the nested original)
 * and extended tweets, plus the producer's {@code topic}. About 3-6 KB each, like real statuses;
 * or X API v2 responses, a few hundred bytes each.
 */
public final class RealisticTweets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TOPICS = {"#AWS", "#Serverless", "#月曜日", "#WorldCup", "#Java"};
    private static final String[] ASCII_TOPICS = {"#AWS", "#Serverless", "#WorldCup", "#Java"};
    /** Texts of plain ASCII only, and texts with non-ASCII characters (Japanese, emoji), for a chosen share of each. */
    private static final String[] ASCII_TEXTS = {
        "Just shipped a new stream processing pipeline on Lambda and Kinesis, latency is down to seconds",
        "Reading about DynamoDB single-table design, the GSI overloading part is mind-blowing",
        "Thread: 10 things I learned running Java on Lambda for a year (1/10)",
    };
    private static final String[] NON_ASCII_TEXTS = {
        "今日はとても良い天気ですね。散歩に行ってきます 🌸🌸",
        "Can't believe that final! What a match 😱⚽🔥 #WorldCup",
        "新しいプロジェクトが始まりました！がんばります💪 よろしくお願いします",
        "Café au lait ☕ and a good book about distributed systems",
    };
    private static final String[] TEXTS = {
        "Just shipped a new stream processing pipeline on Lambda and Kinesis, latency is down to seconds",
        "今日はとても良い天気ですね。散歩に行ってきます 🌸🌸",
        "Can't believe that final! What a match 😱⚽🔥 #WorldCup",
        "Reading about DynamoDB single-table design, the GSI overloading part is 🤯",
        "新しいプロジェクトが始まりました！がんばります💪 よろしくお願いします",
        "Thread: 10 things I learned running Java on Lambda for a year (1/10) ☕",
    };

    private RealisticTweets() {
    }

    static List<byte[]> generate(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> tweets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tweets.add(bytes(status(random, 1_300_000_000_000_000_000L + i, true, TEXTS, true)));
        }
        return tweets;
    }

    /**
     * Distinct v1.1 statuses as the stream API delivers them (no producer {@code topic}): {@code nonAsciiPercent} of
     * them (the first n of every hundred) have non-ASCII text, the others plain ASCII text.
     */
    public static List<byte[]> v11WithoutTopic(int count, long seed, int nonAsciiPercent) {
        Random random = new Random(seed);
        List<byte[]> tweets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] pool = i % 100 < nonAsciiPercent ? NON_ASCII_TEXTS : ASCII_TEXTS;
            ObjectNode status = status(random, 1_400_000_000_000_000_000L + i, true, pool, false);
            tweets.add(bytes(status));
        }
        return tweets;
    }

    /** X API v2 single-tweet responses with the author expanded: the compact shape current accounts get. */
    static List<byte[]> generateV2(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> tweets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tweets.add(bytes(v2(random, 1_600_000_000_000_000_000L + i)));
        }
        return tweets;
    }

    private static ObjectNode v2(Random random, long id) {
        String topic = TOPICS[random.nextInt(TOPICS.length)];
        String text = TEXTS[random.nextInt(TEXTS.length)] + " " + topic;
        int author = random.nextInt(5_000);
        ObjectNode response = JSON.createObjectNode();
        ObjectNode data = response.putObject("data");
        data.put("id", Long.toString(id));
        data.put("text", text);
        data.put("author_id", Integer.toString(100_000 + author));
        data.put("created_at", "2026-11-23T0" + random.nextInt(10) + ":1" + random.nextInt(10) + ":05.000Z");
        data.put("lang", text.chars().anyMatch(c -> c > 0x3000) ? "ja" : "en");
        data.putArray("edit_history_tweet_ids").add(Long.toString(id));
        ObjectNode metrics = data.putObject("public_metrics");
        metrics.put("retweet_count", random.nextInt(5_000));
        metrics.put("reply_count", random.nextInt(50));
        metrics.put("like_count", random.nextInt(20_000));
        metrics.put("quote_count", random.nextInt(20));
        ObjectNode hashtag = data.putObject("entities").putArray("hashtags").addObject();
        hashtag.put("start", text.length() - topic.length());
        hashtag.put("end", text.length());
        hashtag.put("tag", topic.substring(1));
        ObjectNode user = response.putObject("includes").putArray("users").addObject();
        user.put("id", Integer.toString(100_000 + author));
        user.put("name", author % 3 == 0 ? "山田 太郎 " + author : "Stream Fan " + author);
        user.put("username", "user_" + author);
        user.putObject("public_metrics").put("followers_count", random.nextInt(100_000));
        response.put("topic", topic);
        return response;
    }

    private static ObjectNode status(Random random, long id, boolean mayNest, String[] texts, boolean withTopic) {
        ObjectNode status = JSON.createObjectNode();
        String text = texts[random.nextInt(texts.length)];
        String[] topics = texts == ASCII_TEXTS ? ASCII_TOPICS : TOPICS; // the hashtag ends the text
        String topic = topics[random.nextInt(topics.length)];
        status.put("created_at", "Mon Nov 23 0" + random.nextInt(10) + ":1" + random.nextInt(10) + ":05 +0000 2026");
        status.put("id", id);
        status.put("id_str", Long.toString(id));
        status.put("source", "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>");
        status.put("truncated", false);
        status.putNull("in_reply_to_status_id");
        status.putNull("in_reply_to_status_id_str");
        status.putNull("in_reply_to_user_id");
        status.putNull("in_reply_to_screen_name");
        status.set("user", user(random));
        status.putNull("geo");
        status.putNull("coordinates");
        status.putNull("place");
        status.putNull("contributors");
        boolean retweet = mayNest && random.nextInt(100) < 15;
        if (retweet) {
            ObjectNode original = status(random, id - 7_777_777, false, texts, false);
            status.set("retweeted_status", original);
            text = "RT @" + original.path("user").path("screen_name").asText() + ": " + original.path("text").asText();
        } else if (random.nextInt(100) < 10) {
            status.put("truncated", true);
            ObjectNode extended = status.putObject("extended_tweet");
            extended.put("full_text", text + " " + text + " " + topic);
            extended.set("entities", entities(topic));
        }
        status.put("text", text + " " + topic);
        status.put("is_quote_status", false);
        status.put("quote_count", random.nextInt(20));
        status.put("reply_count", random.nextInt(50));
        status.put("retweet_count", random.nextInt(5_000));
        status.put("favorite_count", random.nextInt(20_000));
        status.set("entities", entities(topic));
        status.put("favorited", false);
        status.put("retweeted", false);
        status.put("filter_level", "low");
        status.put("lang", text.chars().anyMatch(c -> c > 0x3000) ? "ja" : "en");
        status.put("timestamp_ms", Long.toString(1_795_000_000_000L + random.nextInt(1_000_000)));
        if (mayNest && withTopic) {
            status.put("topic", topic);
        }
        return status;
    }

    private static ObjectNode user(Random random) {
        int n = random.nextInt(5_000);
        ObjectNode user = JSON.createObjectNode();
        user.put("id", 100_000L + n);
        user.put("id_str", Long.toString(100_000L + n));
        user.put("name", n % 3 == 0 ? "山田 太郎 " + n : "Stream Fan " + n);
        user.put("screen_name", "user_" + n);
        user.put("location", n % 2 == 0 ? "Tokyo, Japan" : "Seattle, WA");
        user.put("url", "https://example.com/~user" + n);
        user.put("description", "Cloud engineer. Opinions are my own. 好きなもの: コーヒー ☕ and distributed systems");
        user.putNull("translator_type");
        user.put("protected", false);
        user.put("verified", n % 50 == 0);
        user.put("followers_count", random.nextInt(100_000));
        user.put("friends_count", random.nextInt(2_000));
        user.put("listed_count", random.nextInt(100));
        user.put("favourites_count", random.nextInt(50_000));
        user.put("statuses_count", random.nextInt(100_000));
        user.put("created_at", "Wed Mar 14 08:12:45 +0000 2012");
        user.putNull("utc_offset");
        user.putNull("time_zone");
        user.put("geo_enabled", true);
        user.putNull("lang");
        user.put("contributors_enabled", false);
        user.put("is_translator", false);
        user.put("profile_background_color", "C0DEED");
        user.put("profile_background_image_url", "http://abs.twimg.com/images/themes/theme1/bg.png");
        user.put("profile_background_image_url_https", "https://abs.twimg.com/images/themes/theme1/bg.png");
        user.put("profile_background_tile", false);
        user.put("profile_link_color", "1DA1F2");
        user.put("profile_sidebar_border_color", "C0DEED");
        user.put("profile_sidebar_fill_color", "DDEEF6");
        user.put("profile_text_color", "333333");
        user.put("profile_use_background_image", true);
        user.put("profile_image_url", "http://pbs.twimg.com/profile_images/1234567890/avatar_normal.jpg");
        user.put("profile_image_url_https", "https://pbs.twimg.com/profile_images/1234567890/avatar_normal.jpg");
        user.put("profile_banner_url", "https://pbs.twimg.com/profile_banners/100000/1500000000");
        user.put("default_profile", false);
        user.put("default_profile_image", false);
        user.putNull("following");
        user.putNull("follow_request_sent");
        user.putNull("notifications");
        return user;
    }

    private static ObjectNode entities(String topic) {
        ObjectNode entities = JSON.createObjectNode();
        ArrayNode hashtags = entities.putArray("hashtags");
        ObjectNode hashtag = hashtags.addObject();
        hashtag.put("text", topic.substring(1));
        hashtag.putArray("indices").add(90).add(90 + topic.length());
        entities.putArray("urls");
        entities.putArray("user_mentions");
        entities.putArray("symbols");
        return entities;
    }

    private static byte[] bytes(ObjectNode status) {
        try {
            return JSON.writeValueAsString(status).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
