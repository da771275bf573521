package dev.streamproc.examples.gamescores;

import java.math.BigDecimal;

/**
 * Which stream records change a user's total. A score record is a fact: its INSERT adds its
 * {@code Score} to its {@code Username}'s total. The lab's code added the new image of every
 * record, so re-putting a record (a MODIFY) counted its score twice and a REMOVE crashed it; with
 * the NEW_IMAGE view a MODIFY carries no old score to subtract, so MODIFY and REMOVE are
 * skipped and counted. Each INSERT is remembered by its stream record's {@code eventID}, so a
 * redelivered record is not added again.
 */
public final class ScorePolicy {

    private ScorePolicy() {
    }

    public static ScoreDecision decide(ScoreChange change) {
        String eventName = change.eventName();
        if ("MODIFY".equals(eventName) || "REMOVE".equals(eventName)) {
            return new ScoreDecision.Skip(eventName + " (a score is added once, when its record is inserted)");
        }
        if (!"INSERT".equals(eventName)) {
            return new ScoreDecision.Reject("unknown eventName " + eventName);
        }
        String appliedId = firstNonBlank(change.eventId(), change.sequenceNumber());
        if (appliedId == null) {
            return new ScoreDecision.Reject("no eventID or SequenceNumber to remember the record by");
        }
        if (change.newImage() == null) {
            return new ScoreDecision.Reject("no NewImage (the stream's view type must include new images)");
        }
        if (!(change.newImage().get("Username") instanceof String username) || username.isBlank()) {
            return new ScoreDecision.Reject("no Username (String) in the new image");
        }
        if (!(change.newImage().get("Score") instanceof BigDecimal score)) {
            return new ScoreDecision.Reject("no Score (Number) in the new image");
        }
        return new ScoreDecision.Add(appliedId, username, score);
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }
}
