package dev.streamproc.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cli.Streamproc;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.synthetic.SyntheticTweets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamproc demo --source replay:FILE} is honest about its source: the lines the source could not use are
 * a line of the accounting, and the demo fails with one line when the source rejected input (unless
 * {@code --accept-rejected}) or yielded no tweet at all — even though its own malformed records and notices would
 * still account exactly.
 */
class DemoSourceEndToEndTest {

    static final int TWEETS = 12;

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    Run demo(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of("demo", "--rate", "0", "--malformed", "1", "--notices", "1",
                "--data-dir", dir.resolve("data").toString(), "--drain-timeout", "2m"));
        command.addAll(List.of(args));
        int status = Streamproc.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Run run = new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println(run.out() + run.err()); // in the test's output file
        return run;
    }

    static List<String> demoErrors(Run run) {
        return run.err().lines().filter(l -> l.startsWith("streamproc demo:")).toList();
    }

    @Test
    @Timeout(300)
    void badLinesAreCountedShownAndFailTheRunUnlessAccepted() throws Exception {
        List<String> lines = new ArrayList<>();
        for (OutgoingTweet tweet : SyntheticTweets.withSeed(11).take(TWEETS)) {
            lines.add(tweet.json());
        }
        lines.add(3, "{not json");
        lines.add(7, "{\"text\":\"a tweet without an id\"}");
        Path capture = Files.write(dir.resolve("mixed.jsonl"), lines, StandardCharsets.UTF_8);

        Run run = demo("--source", "replay:" + capture);

        assertThat(run.out()).containsPattern("not usable\\s+2\\s+lines the source could not use");
        assertThat(run.out()).as("the records it could use are all accounted for").contains("Every record is accounted for.");
        assertThat(demoErrors(run)).singleElement().asString()
                .contains("could not use 2 input item(s)").contains("--accept-rejected");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    @Timeout(300)
    void aCaptureWithNoUsableTweetFailsWithOneLineBeforeAnyCounting() throws Exception {
        Path unusable = Files.writeString(dir.resolve("unusable.json"), "{\"errors\":[{\"message\":\"Rate limit exceeded\"}]}\n");

        Run run = demo("--source", "replay:" + unusable, "--accept-rejected");

        assertThat(demoErrors(run)).singleElement().asString().contains("yielded no tweet");
        assertThat(run.out()).doesNotContain("Every record is accounted for.");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    @Timeout(300)
    void anEmptyCaptureFailsWithOneLine() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "");

        Run run = demo("--source", "replay:" + empty);

        assertThat(demoErrors(run)).singleElement().asString().contains("yielded no tweet").contains("nothing to read");
        assertThat(run.status()).isEqualTo(1);
    }
}
