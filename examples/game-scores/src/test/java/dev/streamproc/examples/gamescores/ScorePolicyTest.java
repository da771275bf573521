package dev.streamproc.examples.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorePolicyTest {

    private static final Map<String, Object> JANE = Map.of(
            "RecordID", new BigDecimal("2"), "Username", "Jane Doe", "Score", new BigDecimal("100"), "Nickname", "JaneD");

    @Test
    void anInsertAddsItsScoreToItsUserRememberedByItsEventId() {
        assertThat(ScorePolicy.decide(new ScoreChange("1", "111", "INSERT", JANE)))
                .isEqualTo(new ScoreDecision.Add("1", "Jane Doe", new BigDecimal("100")));
    }

    @Test
    void withoutAnEventIdTheSequenceNumberIdentifiesTheRecord() {
        assertThat(ScorePolicy.decide(new ScoreChange(null, "111", "INSERT", JANE)))
                .isEqualTo(new ScoreDecision.Add("111", "Jane Doe", new BigDecimal("100")));
    }

    @Test
    void modifyAndRemoveLeaveTheTotalAloneSinceAScoreIsAddedOnce() {
        assertThat(ScorePolicy.decide(new ScoreChange("2", "112", "MODIFY", JANE))).isInstanceOf(ScoreDecision.Skip.class);
        assertThat(ScorePolicy.decide(new ScoreChange("3", "113", "REMOVE", null))).isInstanceOf(ScoreDecision.Skip.class);
    }

    @Test
    void recordsThatCanNeverBeAddedAreRejectedWithAReason() {
        Map<String, Object> textScore = new HashMap<>(JANE);
        textScore.put("Score", "100");
        Map<String, Object> noUser = new HashMap<>(JANE);
        noUser.remove("Username");

        assertThat(reason(new ScoreChange("1", "1", "INSERT", textScore))).contains("Score");
        assertThat(reason(new ScoreChange("1", "1", "INSERT", noUser))).contains("Username");
        assertThat(reason(new ScoreChange("1", "1", "INSERT", null))).contains("NewImage");
        assertThat(reason(new ScoreChange(null, null, "INSERT", JANE))).contains("eventID");
        assertThat(reason(new ScoreChange("1", "1", "TRUNCATE", JANE))).contains("eventName");
    }

    private static String reason(ScoreChange change) {
        ScoreDecision decision = ScorePolicy.decide(change);
        assertThat(decision).isInstanceOf(ScoreDecision.Reject.class);
        return ((ScoreDecision.Reject) decision).reason();
    }
}
