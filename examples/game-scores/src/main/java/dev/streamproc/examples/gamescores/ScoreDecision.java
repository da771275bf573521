package dev.streamproc.examples.gamescores;

import java.math.BigDecimal;

/** What becomes of one stream record. */
public sealed interface ScoreDecision {

    /** Add {@code score} to {@code username}'s total, once: {@code appliedId} remembers that it was. */
    record Add(String appliedId, String username, BigDecimal score) implements ScoreDecision {
    }

    /** A change the total does not follow (see {@link ScorePolicy}); counted, not an error. */
    record Skip(String reason) implements ScoreDecision {
    }

    /** A record that can never be added (no user, no numeric score): logged and counted, never retried. */
    record Reject(String reason) implements ScoreDecision {
    }
}
