package dev.streamproc.local.e2e;

import dev.streamproc.model.ParseResult;
import dev.streamproc.model.Tweet;
import dev.streamproc.model.TweetParser;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.synthetic.SyntheticTweets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the producer sent in a demo run, regenerated from the seed, and what the model makes of each record:
 * the tweets (one EventData item and one S3 row each) and the notices (skipped / Dropped).
 */
record ExpectedTweets(List<OutgoingTweet> sent, List<Tweet> tweets, List<OutgoingTweet> notices, java.util.Map<String, OutgoingTweet> recordOfTweet) {

    static ExpectedTweets of(long seed, java.time.Instant start, int count) {
        List<OutgoingTweet> sent = SyntheticTweets.withSeed(seed).startingAt(start).take(count);
        List<Tweet> tweets = new ArrayList<>();
        List<OutgoingTweet> notices = new ArrayList<>();
        java.util.Map<String, OutgoingTweet> recordOfTweet = new java.util.HashMap<>();
        for (OutgoingTweet record : sent) {
            ParseResult parsed = TweetParser.parse(record.data());
            if (parsed instanceof ParseResult.Parsed p) {
                tweets.add(p.tweet());
                recordOfTweet.put(p.tweet().id(), record);
            } else if (parsed instanceof ParseResult.Notice) {
                notices.add(record);
            } else {
                throw new IllegalStateException("the synthetic source made a record the model rejects: " + parsed);
            }
        }
        return new ExpectedTweets(sent, tweets, notices, recordOfTweet);
    }

    /** The content key the census uses for a record: partition key and bytes. */
    static String content(OutgoingTweet record) {
        return record.partitionKey() + "\u0000" + java.util.Base64.getEncoder().encodeToString(record.data());
    }
}
