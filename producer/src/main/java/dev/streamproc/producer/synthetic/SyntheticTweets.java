package dev.streamproc.producer.synthetic;

import dev.streamproc.producer.OutgoingTweet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A seeded, deterministic stream of realistic Twitter API v1.1 statuses: tweet {@code i} is a
 * pure function of (seed, i, epoch, spacing), never of the wall clock, so the local demo and its
 * tests can regenerate exactly the records the producer sent:
 *
 * <pre>{@code
 * List<OutgoingTweet> sent = SyntheticTweets.withSeed(42).take(1_000);
 * }</pre>
 *
 * <p>The mix: a 5,000-user cast with Zipf-like activity (a few users write most tweets),
 * ten trending topics from a multilingual pool (each tweet carries its topic's hashtag and the
 * {@code "topic"} field), ~20% retweets, ~15% replies, ~2% delete notices for earlier tweets,
 * text in English, Japanese, Spanish, Arabic, Hindi, Chinese and Portuguese with emoji.
 */
public final class SyntheticTweets {

    /** created_at of tweet 0 unless {@link #startingAt} says otherwise. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    /** Time between consecutive tweets unless {@link #spacedBy} says otherwise. */
    public static final Duration DEFAULT_SPACING = Duration.ofMillis(50);

    static final DateTimeFormatter TWITTER_TIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long TWITTER_EPOCH_MS = 1_288_834_974_657L;

    static final double DELETE_SHARE = 0.02;
    static final double RETWEET_SHARE = 0.20;
    static final double REPLY_SHARE = 0.15;

    enum Kind { ORIGINAL, REPLY, RETWEET, DELETE }

    private final long seed;
    private final Instant epoch;
    private final Duration spacing;
    private final SyntheticWorld world;

    private SyntheticTweets(long seed, Instant epoch, Duration spacing, SyntheticWorld world) {
        if (spacing.toMillis() < 1) {
            throw new IllegalArgumentException("spacing must be at least 1 ms (tweet ids derive from it)");
        }
        this.seed = seed;
        this.epoch = epoch;
        this.spacing = spacing;
        this.world = world;
    }

    public static SyntheticTweets withSeed(long seed) {
        return new SyntheticTweets(seed, DEFAULT_EPOCH, DEFAULT_SPACING, new SyntheticWorld(seed));
    }

    public SyntheticTweets startingAt(Instant newEpoch) {
        return new SyntheticTweets(seed, newEpoch, spacing, world);
    }

    /**
     * The same sequence re-timed so that tweet {@code index} (not tweet 0) is created at the epoch: a run that
     * continues the sequence where the last one stopped still sends tweets of its own time.
     */
    public SyntheticTweets continuingAt(long index) {
        return new SyntheticTweets(seed, epoch.minus(spacing.multipliedBy(index)), spacing, world);
    }

    public SyntheticTweets spacedBy(Duration newSpacing) {
        return new SyntheticTweets(seed, epoch, newSpacing, world);
    }

    public long seed() {
        return seed;
    }

    /** The trend names tweets of this seed are about. */
    public List<String> topics() {
        return world.topics.stream().map(Topic::name).toList();
    }

    /** Tweets 0..n-1, exactly as the producer sends them for this seed. */
    public List<OutgoingTweet> take(int n) {
        List<OutgoingTweet> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(at(i));
        }
        return out;
    }

    /** Tweets from index {@code from} on, lazily and without end. */
    public Stream<OutgoingTweet> from(long from) {
        return LongStream.iterate(from, i -> i + 1).mapToObj(this::at);
    }

    /** Tweet number {@code index}, computed on its own. */
    public OutgoingTweet at(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
        return switch (kindAt(index)) {
            case DELETE -> deleteNotice(index);
            case ORIGINAL, REPLY, RETWEET -> {
                Status s = statusAt(index);
                yield new OutgoingTweet(s.topic.name(), s.idStr(), StatusJson.write(s));
            }
        };
    }

    /** True when tweet {@code index} is a stream delete notice rather than a status. */
    public boolean isDeleteNotice(long index) {
        return kindAt(index) == Kind.DELETE;
    }

    Kind kindAt(long index) {
        if (index == 0) {
            return Kind.ORIGINAL;
        }
        double k = random(index).nextDouble();
        if (k < DELETE_SHARE) {
            return Kind.DELETE;
        }
        if (k < DELETE_SHARE + RETWEET_SHARE) {
            return Kind.RETWEET;
        }
        if (k < DELETE_SHARE + RETWEET_SHARE + REPLY_SHARE) {
            return Kind.REPLY;
        }
        return Kind.ORIGINAL;
    }

    private SplittableRandom random(long index) {
        return Seeds.random(seed, Seeds.TWEETS, index);
    }

    Instant createdAt(long index) {
        return epoch.plus(spacing.multipliedBy(index));
    }

    /** Snowflake-shaped: time since Twitter's epoch, then seed bits, then the index's low bits. */
    long tweetId(long index) {
        long ms = createdAt(index).toEpochMilli() - TWITTER_EPOCH_MS;
        return (Math.max(ms, 0) << 22) | ((seed & 0x3FF) << 12) | (index & 0xFFF);
    }

    /** An earlier tweet of the wanted kinds, recent ones more likely (conversations are bursty). */
    private long earlier(long index, SplittableRandom r, Kind... wanted) {
        long back = 1 + (long) (StrictMath.pow(r.nextDouble(), 2) * Math.min(index, 300));
        long j = Math.max(0, index - back);
        while (j > 0 && !isOneOf(kindAt(j), wanted)) {
            j--;
        }
        return j;
    }

    private static boolean isOneOf(Kind k, Kind... wanted) {
        for (Kind w : wanted) {
            if (w == k) {
                return true;
            }
        }
        return false;
    }

    Status statusAt(long index) {
        Kind kind = kindAt(index);
        SplittableRandom r = random(index);
        r.nextDouble(); // the kind draw
        SyntheticUser author = world.users.get(world.userActivity.sample(r));
        long id = tweetId(index);
        Instant created = createdAt(index);
        String source = StatusJson.SOURCES.get(r.nextInt(StatusJson.SOURCES.size()));
        if (kind == Kind.RETWEET) {
            Status original = statusAt(earlier(index, r, Kind.ORIGINAL));
            TextBuilder text = new TextBuilder();
            text.append("RT ").mention(original.author).append(": ");
            text.appendStatus(original);
            return new Status(id, created, text.text(), text.hashtags(), text.mentions(), author,
                    source, original.lang, original.topic, original.retweetCount, 0, null, original);
        }
        Topic topic = world.topics.get(world.topicPopularity.sample(r));
        Language lang = r.nextDouble() < 0.85 ? author.language() : SyntheticWorld.pickLanguage(r);
        TextBuilder text = new TextBuilder();
        Status inReplyTo = null;
        if (kind == Kind.REPLY) {
            inReplyTo = statusAt(earlier(index, r, Kind.ORIGINAL));
            text.mention(inReplyTo.author).append(" ");
        }
        text.append(lang.phrases.get(r.nextInt(lang.phrases.size())));
        if (r.nextDouble() < 0.6) {
            text.append(" ").append(Language.EMOJI.get(r.nextInt(Language.EMOJI.size())));
        }
        text.append(" ").hashtag(topic.hashtag());
        if (r.nextDouble() < 0.3) {
            Topic other = world.topics.get(r.nextInt(world.topics.size()));
            if (!other.equals(topic)) {
                text.append(" ").hashtag(other.hashtag());
            }
        }
        int retweets = (int) (Math.sqrt(author.followers()) * StrictMath.pow(r.nextDouble(), 3));
        int favorites = retweets * 2 + r.nextInt(5);
        return new Status(id, created, text.text(), text.hashtags(), text.mentions(), author, source,
                lang.code, topic, retweets, favorites, inReplyTo, null);
    }

    private OutgoingTweet deleteNotice(long index) {
        SplittableRandom r = random(index);
        r.nextDouble();
        Status deleted = statusAt(earlier(index, r, Kind.ORIGINAL, Kind.REPLY, Kind.RETWEET));
        long when = createdAt(index).toEpochMilli();
        return new OutgoingTweet(null, deleted.idStr(), StatusJson.writeDelete(deleted, when));
    }

    /** One generated status (an original, a reply or a retweet wrapper). */
    record Status(long id, Instant createdAt, String text, List<TextBuilder.Entity> hashtags,
                  List<TextBuilder.Entity> mentions, SyntheticUser author, String source, String lang,
                  Topic topic, int retweetCount, int favoriteCount, Status inReplyTo, Status retweeted) {

        String idStr() {
            return Long.toString(id);
        }
    }
}
