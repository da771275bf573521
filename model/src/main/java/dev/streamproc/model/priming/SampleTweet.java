package dev.streamproc.model.priming;

import java.nio.charset.StandardCharsets;

/**
 * A small Twitter API v1.1 status with every field the EventData item and the Athena row read, non-ASCII text
 * included: the record the functions' SnapStart priming runs through their hot paths before the snapshot.
 */
public final class SampleTweet {

    public static final String JSON = """
            {"created_at":"Sun Nov 29 18:00:00 +0000 2026","id":1,"id_str":"1","text":"priming \u00e9\u6771 #Java",
             "lang":"en","retweet_count":0,"favorite_count":0,"entities":{"hashtags":[{"text":"Java"}]},
             "user":{"id_str":"1","screen_name":"priming","name":"Priming","followers_count":0}}""";

    private SampleTweet() {
    }

    /** The status as a stream record carries it: UTF-8 bytes. */
    public static byte[] utf8() {
        return JSON.getBytes(StandardCharsets.UTF_8);
    }
}
