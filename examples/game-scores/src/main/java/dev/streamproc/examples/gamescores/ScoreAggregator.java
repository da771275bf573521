package dev.streamproc.examples.gamescores;

import dev.streamproc.lambdakit.Deadline;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a batch of GameScoreRecords stream records to the totals, in stream order. When an
 * addition cannot be made in the time left, that record and every later one are reported as
 * failed: Lambda redelivers from the first, and the additions already made are recognised then.
 */
public final class ScoreAggregator {

    private final ScoreTotals totals;

    public ScoreAggregator(ScoreTotals totals) {
        this.totals = totals;
    }

    public AggregationReport process(List<ScoreChange> changes, Deadline deadline) {
        int added = 0;
        int alreadyAdded = 0;
        int skipped = 0;
        int retries = 0;
        List<String> rejections = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ScoreChange change = changes.get(i);
            ScoreDecision decision = ScorePolicy.decide(change);
            if (decision instanceof ScoreDecision.Skip) {
                skipped++;
            } else if (decision instanceof ScoreDecision.Reject reject) {
                rejections.add(describe(change, reject.reason()));
            } else {
                ScoreTotals.Result result = totals.add((ScoreDecision.Add) decision, deadline);
                retries += result.retries();
                switch (result.outcome()) {
                    case ADDED -> added++;
                    case ALREADY_ADDED -> alreadyAdded++;
                    case REJECTED -> rejections.add(describe(change, result.reason()));
                    case NOT_ADDED -> {
                        for (ScoreChange rest : changes.subList(i, changes.size())) {
                            failed.add(rest.sequenceNumber());
                        }
                        return new AggregationReport(changes.size(), added, alreadyAdded, skipped,
                                List.copyOf(rejections), retries, List.copyOf(failed));
                    }
                }
            }
        }
        return new AggregationReport(changes.size(), added, alreadyAdded, skipped, List.copyOf(rejections), retries, List.of());
    }

    private static String describe(ScoreChange change, String reason) {
        return "eventID " + PayloadText.of(String.valueOf(change.eventId()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + " (SequenceNumber " + change.sequenceNumber() + "): " + reason;
    }
}
