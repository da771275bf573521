package dev.streamproc.consumer;

import java.util.Map;

/** What the consumer does with one user record: store it, skip it on purpose, or reject it. */
public sealed interface Disposition {

    /** A tweet: write this EventData item. */
    record Store(ItemKey key, Map<String, Object> attributes) implements Disposition {
    }

    /** A stream notice (delete, limit, ...): not a tweet, nothing to store, not an error. */
    record Skip(String kind) implements Disposition {
    }

    /** Bytes that can never become an item; retrying would only block the shard. */
    record Reject(String reason) implements Disposition {
    }
}
