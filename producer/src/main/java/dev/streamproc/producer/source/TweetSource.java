package dev.streamproc.producer.source;

import dev.streamproc.producer.OutgoingTweet;
import java.util.Iterator;

/**
 * Where tweets come from. One call to {@link #nextBatch} is what one producer run sends
 * (one Lambda invocation, or one round of the CLI loop).
 *
 * <p>The source reads its position (per-topic {@code since_id}, replay offset, synthetic
 * index) from {@code state} and writes the new position back into it as the batch is
 * consumed; the caller persists the state only when everything in the batch was sent, so
 * a failed run fetches the same tweets again (at-least-once) instead of losing them.
 */
public interface TweetSource {

    /** Short name for logs and reports, e.g. {@code synthetic}. */
    String name();

    /** Tweets to send, lazily; an empty iterator means there is nothing new. */
    Iterator<OutgoingTweet> nextBatch(SourceState state);

    /** What went wrong or was skipped while fetching, for the run report. */
    default SourceIssues issues() {
        return SourceIssues.NONE;
    }
}
