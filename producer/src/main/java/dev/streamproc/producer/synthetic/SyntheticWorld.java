package dev.streamproc.producer.synthetic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed cast of a seed: users (with a Zipf-like activity ranking) and the trending
 * topics. Everything here is a pure function of the seed.
 */
final class SyntheticWorld {

    static final int USERS = 5_000;
    static final int TRENDING_TOPICS = 10;
    private static final List<String> HANDLE_PREFIXES = List.of("real", "the", "its", "just", "mr", "ms", "daily", "fan");
    private static final List<String> HANDLE_SUFFIXES = List.of("news", "fan", "kun", "chan", "live", "talks", "fc", "dev");

    final List<SyntheticUser> users;
    final List<Topic> topics;
    final ZipfSampler userActivity = new ZipfSampler(USERS, 1.1);
    final ZipfSampler topicPopularity = new ZipfSampler(TRENDING_TOPICS, 0.9);

    SyntheticWorld(long seed) {
        users = new ArrayList<>(USERS);
        for (int rank = 0; rank < USERS; rank++) {
            users.add(user(seed, rank));
        }
        List<Topic> pool = new ArrayList<>(Topic.POOL);
        SplittableRandom r = Seeds.random(seed, Seeds.TOPICS, 0);
        for (int i = pool.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            pool.set(i, pool.set(j, pool.get(i)));
        }
        topics = List.copyOf(pool.subList(0, TRENDING_TOPICS));
    }

    private static SyntheticUser user(long seed, int rank) {
        SplittableRandom r = Seeds.random(seed, Seeds.USERS, rank);
        Language lang = pickLanguage(r);
        long id = 100_000_000L + (r.nextLong() & 0xFF_FFFF_FFFFL);
        String handle = HANDLE_PREFIXES.get(r.nextInt(HANDLE_PREFIXES.size()))
                + HANDLE_SUFFIXES.get(r.nextInt(HANDLE_SUFFIXES.size())) + "_" + rank;
        String name = lang.names.get(r.nextInt(lang.names.size()));
        String location = lang.places.get(r.nextInt(lang.places.size()));
        int followers = (int) (250_000 / StrictMath.pow(rank + 1, 0.8) * (0.5 + r.nextDouble()));
        int friends = 20 + r.nextInt(2_000);
        int statuses = 100 + (int) (200_000 / StrictMath.pow(rank + 1, 0.6) * r.nextDouble());
        long createdSecond = 1_230_768_000L + (long) (r.nextDouble() * 500_000_000L); // 2009..2024
        String createdAt = SyntheticTweets.TWITTER_TIME.format(Instant.ofEpochSecond(createdSecond));
        boolean verified = rank < USERS / 100;
        String description = lang.phrases.get(r.nextInt(lang.phrases.size()));
        return new SyntheticUser(rank, id, handle, name, location, description, followers, friends, statuses,
                createdAt, verified, lang);
    }

    static Language pickLanguage(SplittableRandom r) {
        double x = r.nextDouble();
        double acc = 0;
        for (Language l : Language.values()) {
            acc += l.share;
            if (x < acc) {
                return l;
            }
        }
        return Language.EN;
    }
}
