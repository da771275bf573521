package dev.streamproc.producer.synthetic;

import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.source.SourceState;
import dev.streamproc.producer.source.TweetSource;
import java.util.Iterator;

/**
 * The synthetic source: each batch continues the seed's sequence where the previous one
 * stopped (state key {@code synthetic:<seed>:next}), so successive Lambda invocations send
 * tweets 0..n-1, n..2n-1, ...; each batch is re-timed so its first tweet is created at the source's
 * start ({@link SyntheticTweets#continuingAt}), which is the run's time in the Lambda.
 */
public final class SyntheticSource implements TweetSource {

    private final SyntheticTweets tweets;
    private final long perBatch;

    /** @param perBatch tweets per batch; {@code Long.MAX_VALUE} for an endless stream (the CLI) */
    public SyntheticSource(SyntheticTweets tweets, long perBatch) {
        if (perBatch <= 0) {
            throw new IllegalArgumentException("tweets per batch must be positive");
        }
        this.tweets = tweets;
        this.perBatch = perBatch;
    }

    @Override
    public String name() {
        return "synthetic";
    }

    String stateKey() {
        return "synthetic:" + tweets.seed() + ":next";
    }

    @Override
    public Iterator<OutgoingTweet> nextBatch(SourceState state) {
        long first = state.getLong(stateKey(), 0);
        SyntheticTweets run = tweets.continuingAt(first);
        return new Iterator<>() {
            private long emitted;

            @Override
            public boolean hasNext() {
                return emitted < perBatch;
            }

            @Override
            public OutgoingTweet next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                long index = first + emitted++;
                state.put(stateKey(), Long.toString(index + 1));
                return run.at(index);
            }
        };
    }
}
