package dev.streamproc.model;

import java.util.Objects;

/** What {@link TweetParser} made of one record: a tweet, a stream notice to skip, or input that can never be a tweet. */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Notice, ParseResult.Rejected {

    /** The record is a tweet. */
    record Parsed(Tweet tweet) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(tweet, "tweet");
        }
    }

    /** The record is a stream notice ({@code delete}, {@code limit}, ...): skipped on purpose, never an error. */
    record Notice(String kind) implements ParseResult {
        public Notice {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The record can never become a tweet; {@code reason} is a short sentence for logs and error outputs. */
    record Rejected(String reason) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
