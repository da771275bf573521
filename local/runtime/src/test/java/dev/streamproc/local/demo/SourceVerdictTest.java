package dev.streamproc.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the demo fails on its source's account: never silently on nothing, never silently on thrown-away input. */
class SourceVerdictTest {

    @Test
    void aSourceThatYieldedTweetsAndRejectedNothingIsFine() {
        assertThat(SourceVerdict.failure(20, 0, "synthetic", false)).isEmpty();
    }

    @Test
    void noTweetAtAllFailsEvenWhenRejectionsAreAccepted() {
        assertThat(SourceVerdict.failure(0, 0, "replay:empty.json", true)).hasValueSatisfying(line -> assertThat(line)
                .contains("replay:empty.json yielded no tweet").doesNotContain("\n"));
        assertThat(SourceVerdict.failure(0, 4, "replay:bad.json", true)).hasValueSatisfying(line -> assertThat(line)
                .contains("yielded no tweet").contains("any of its 4 input item(s)"));
    }

    @Test
    void rejectedInputFailsUnlessAccepted() {
        assertThat(SourceVerdict.failure(20, 2, "replay:mixed.jsonl", false)).hasValueSatisfying(line -> assertThat(line)
                .contains("could not use 2 input item(s)").contains("--accept-rejected").doesNotContain("\n"));
        assertThat(SourceVerdict.failure(20, 2, "replay:mixed.jsonl", true)).isEmpty();
    }
}
