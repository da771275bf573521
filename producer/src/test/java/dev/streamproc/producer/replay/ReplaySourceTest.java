package dev.streamproc.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.model.ParseResult;
import dev.streamproc.model.TweetParser;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.source.SourceException;
import dev.streamproc.producer.source.SourceState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String V1_STATUS = "{\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"id\":505874924095815681,"
            + "\"id_str\":\"505874924095815681\",\"text\":\"Hello #Serverless\",\"coordinates\":{\"type\":\"Point\","
            + "\"coordinates\":[-122.4194,37.7749]},\"entities\":{\"hashtags\":[{\"text\":\"Serverless\",\"indices\":[6,17]}]},"
            + "\"user\":{\"id\":1,\"id_str\":\"1\",\"screen_name\":\"ana\",\"name\":\"Ana\",\"followers_count\":10},"
            + "\"retweet_count\":0,\"favorite_count\":1,\"lang\":\"en\"}";
    static final String V2_BARE = "{\"id\":\"1800000000000000001\",\"text\":\"hola 🔥\",\"author_id\":\"42\","
            + "\"created_at\":\"2024-06-10T10:00:00.000Z\",\"lang\":\"es\"}";
    static final String V2_SINGLE = "{\"data\":{\"id\":\"1800000000000000002\",\"text\":\"こんにちは\",\"author_id\":\"43\","
            + "\"created_at\":\"2024-06-10T10:00:01.000Z\",\"lang\":\"ja\"},\"includes\":{\"users\":[{\"id\":\"43\","
            + "\"username\":\"hana\",\"name\":\"Hana\"}]}}";
    static final String DELETE = "{\"delete\":{\"status\":{\"id\":505874924095815681,\"id_str\":\"505874924095815681\","
            + "\"user_id\":1,\"user_id_str\":\"1\"},\"timestamp_ms\":\"1409445000000\"}}";

    @TempDir
    Path dir;

    @Test
    void jsonLinesOfEveryTweetShapeAreSentInOrderAsTheyAreInTheFile() throws IOException {
        Path file = write("capture.jsonl", V1_STATUS + "\n" + V2_BARE + "\n\n" + V2_SINGLE + "\n" + DELETE + "\n");
        ReplaySource source = new ReplaySource(file, null, Long.MAX_VALUE);

        List<OutgoingTweet> sent = all(source, SourceState.empty());

        assertThat(sent).extracting(OutgoingTweet::partitionKey).containsExactly("505874924095815681",
                "1800000000000000001", "1800000000000000002", "505874924095815681");
        assertThat(sent).extracting(OutgoingTweet::json).containsExactly(V1_STATUS, V2_BARE, V2_SINGLE, DELETE);
        assertThat(TweetParser.parse(sent.get(3).data())).isInstanceOf(ParseResult.Notice.class);
        assertThat(source.issues().rejected()).isZero();
    }

    @Test
    void aTopicIsAddedToTweetsButNotToNotices() throws IOException {
        Path file = write("capture.jsonl", V1_STATUS + "\n" + DELETE + "\n");
        List<OutgoingTweet> sent = all(new ReplaySource(file, "#Serverless", Long.MAX_VALUE), SourceState.empty());
        assertThat(sent.get(0).json()).isEqualTo(V1_STATUS.substring(0, V1_STATUS.length() - 1)
                + ",\"topic\":\"#Serverless\"}");
        assertThat(sent.get(0).topic()).isEqualTo("#Serverless");
        assertThat(sent.get(1).json()).isEqualTo(DELETE);
        assertThat(sent.get(1).topic()).isNull();
    }

    @Test
    void v1SearchResponsesAndV2SearchPagesAreExpandedIntoTheirTweets() throws IOException {
        String search = "{\"statuses\":[" + V1_STATUS + "," + V1_STATUS.replace("505874924095815681", "505874924095815682")
                + "],\"search_metadata\":{\"count\":2}}";
        String v2Page = "{\"data\":[{\"id\":\"9\",\"text\":\"a\",\"author_id\":\"7\"},{\"id\":\"10\",\"text\":\"b\","
                + "\"author_id\":\"8\"}],\"includes\":{\"users\":[{\"id\":\"7\",\"username\":\"seven\"},"
                + "{\"id\":\"8\",\"username\":\"eight\"}]},\"meta\":{\"result_count\":2}}";
        Path file = write("search.jsonl", search + "\n" + v2Page + "\n");

        List<OutgoingTweet> sent = all(new ReplaySource(file, null, Long.MAX_VALUE), SourceState.empty());

        assertThat(sent).extracting(OutgoingTweet::partitionKey)
                .containsExactly("505874924095815681", "505874924095815682", "9", "10");
        JsonNode second = JSON.readTree(sent.get(3).data());
        assertThat(second.at("/data/text").asText()).isEqualTo("b");
        assertThat(second.at("/includes/users")).hasSize(1);
        assertThat(second.at("/includes/users/0/username").asText()).isEqualTo("eight");
        // exact decimals: the coordinates are written back as they were
        assertThat(sent.get(0).json()).contains("[-122.4194,37.7749]");
    }

    @Test
    void gzipFilesAreReadTheSameWay() throws IOException {
        Path file = dir.resolve("capture.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((V1_STATUS + "\n" + V2_SINGLE + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<OutgoingTweet> sent = all(new ReplaySource(file, null, Long.MAX_VALUE), SourceState.empty());
        assertThat(sent).extracting(OutgoingTweet::json).containsExactly(V1_STATUS, V2_SINGLE);
    }

    @Test
    void badLinesAreCountedWithTheirLineNumberAndNeverSent() throws IOException {
        Path file = write("bad.jsonl", V1_STATUS + "\n{not json\n[1,2]\n{\"text\":\"no id\"}\n" + V2_BARE + "\n");
        ReplaySource source = new ReplaySource(file, null, Long.MAX_VALUE);

        List<OutgoingTweet> sent = all(source, SourceState.empty());

        assertThat(sent).hasSize(2);
        assertThat(source.issues().rejected()).isEqualTo(4);
        assertThat(source.issues().errors()).containsExactly(
                "bad.jsonl line 2: invalid JSON (skipped)",
                "bad.jsonl line 3: not a JSON object (skipped)", // [1,2] is an array of two unusable items
                "bad.jsonl line 3: not a JSON object (skipped)",
                "bad.jsonl line 4: no tweet id (id_str / id / data.id / delete.status.id_str) (skipped)");
    }

    @Test
    void batchesContinueWhereThePreviousOneStoppedUntilTheFileIsDone() throws IOException {
        Path file = write("capture.jsonl", V1_STATUS + "\n" + V2_BARE + "\n" + V2_SINGLE + "\n" + DELETE + "\n");
        ReplaySource source = new ReplaySource(file, null, 3);
        SourceState state = SourceState.empty();

        List<OutgoingTweet> first = all(source, state);
        List<OutgoingTweet> second = all(source, state);
        List<OutgoingTweet> third = all(source, state);

        assertThat(first).extracting(OutgoingTweet::json).containsExactly(V1_STATUS, V2_BARE, V2_SINGLE);
        assertThat(second).extracting(OutgoingTweet::json).containsExactly(DELETE);
        assertThat(third).isEmpty();
        assertThat(state.get("replay:capture.jsonl:next")).contains("4");
    }

    /** What {@code curl ... > tweets.json} saves: one indented document. */
    private static String pretty(String json) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
    }

    @Test
    void aPrettyPrintedV1SearchResponseIsExpandedIntoItsTweets() throws IOException {
        String response = "{\"statuses\":[" + V1_STATUS + "," + V1_STATUS.replace("505874924095815681", "505874924095815699")
                + "],\"search_metadata\":{\"count\":2}}";
        Path file = write("search.json", pretty(response));
        ReplaySource source = new ReplaySource(file, "t", Long.MAX_VALUE);

        List<OutgoingTweet> sent = all(source, SourceState.empty());

        assertThat(sent).extracting(OutgoingTweet::partitionKey).containsExactly("505874924095815681", "505874924095815699");
        assertThat(source.issues().rejected()).isZero();
        assertThat(sent.get(0).json()).doesNotContain("\n").contains("[-122.4194,37.7749]").contains("\"topic\":\"t\"");
    }

    @Test
    void aPrettyPrintedTimelineArrayAndAV2PageAreExpandedIntoTheirTweets() throws IOException {
        String timeline = pretty("[" + V1_STATUS + "," + DELETE + "]");
        String page = pretty("{\"data\":[" + V2_BARE + "],\"includes\":{\"users\":[{\"id\":\"42\",\"username\":\"x\"}]},"
                + "\"meta\":{\"result_count\":1}}");
        ReplaySource timelineSource = new ReplaySource(write("timeline.json", timeline), null, Long.MAX_VALUE);
        ReplaySource pageSource = new ReplaySource(write("page.json", page), null, Long.MAX_VALUE);

        assertThat(all(timelineSource, SourceState.empty())).extracting(OutgoingTweet::partitionKey)
                .containsExactly("505874924095815681", "505874924095815681");
        List<OutgoingTweet> v2 = all(pageSource, SourceState.empty());
        assertThat(v2).extracting(OutgoingTweet::partitionKey).containsExactly("1800000000000000001");
        assertThat(JSON.readTree(v2.get(0).data()).at("/includes/users/0/username").asText()).isEqualTo("x");
        assertThat(timelineSource.issues().rejected() + pageSource.issues().rejected()).isZero();
    }

    @Test
    void concatenatedDocumentsWithAndWithoutWhitespaceAndGzippedPrettyDocumentsAreRead() throws IOException {
        Path concatenated = write("concat.json", V1_STATUS + V2_BARE + "  " + pretty(V2_SINGLE) + DELETE);
        Path gz = dir.resolve("search.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(pretty("{\"statuses\":[" + V1_STATUS + "]}").getBytes(StandardCharsets.UTF_8));
        }

        assertThat(all(new ReplaySource(concatenated, null, Long.MAX_VALUE), SourceState.empty()))
                .extracting(OutgoingTweet::partitionKey)
                .containsExactly("505874924095815681", "1800000000000000001", "1800000000000000002", "505874924095815681");
        assertThat(all(new ReplaySource(gz, null, Long.MAX_VALUE), SourceState.empty()))
                .extracting(OutgoingTweet::partitionKey).containsExactly("505874924095815681");
    }

    @Test
    void aBrokenDocumentLosesNoGoodDocumentAfterItEvenOnTheLineWhereTheErrorShows() throws IOException {
        // line 1 starts a document that never ends; the parser notices on line 2, which holds a good tweet
        Path file = write("broken.jsonl", "{\"id_str\":\"1\",\"text\":\"cut\"\n" + V2_BARE + "\n" + V1_STATUS + "\n");
        ReplaySource source = new ReplaySource(file, null, Long.MAX_VALUE);

        List<OutgoingTweet> sent = all(source, SourceState.empty());

        assertThat(sent).extracting(OutgoingTweet::json).containsExactly(V2_BARE, V1_STATUS);
        assertThat(source.issues().errors()).containsExactly("broken.jsonl line 1: invalid JSON (document not complete) (skipped)");
    }

    @Test
    void aBrokenElementOfATimelineArrayIsRejectedAndTheElementsAfterItAreStillSent() throws IOException {
        String good = pretty(V2_BARE);
        Path file = write("timeline.json", "[\n" + pretty(V1_STATUS) + ",\n{\"id_str\": \"7\", oops},\n" + good + "\n]\n");
        ReplaySource source = new ReplaySource(file, null, Long.MAX_VALUE);

        List<OutgoingTweet> sent = all(source, SourceState.empty());

        assertThat(sent).extracting(OutgoingTweet::partitionKey).containsExactly("505874924095815681", "1800000000000000001");
        assertThat(source.issues().rejected()).isEqualTo(1);
        assertThat(source.issues().errors().get(0)).contains("line " + (pretty(V1_STATUS).split("\n").length + 2));
    }

    @Test
    void anEmptyOrWhitespaceOnlyFileYieldsNothingAndRejectsNothing() throws IOException {
        ReplaySource source = new ReplaySource(write("empty.json", "\n  \n"), null, Long.MAX_VALUE);
        assertThat(all(source, SourceState.empty())).isEmpty();
        assertThat(source.issues().rejected()).isZero();
    }

    @Test
    void aMissingFileIsOneClearError() {
        ReplaySource source = new ReplaySource(dir.resolve("nope.jsonl"), null, 10);
        assertThatThrownBy(() -> source.nextBatch(SourceState.empty())).isInstanceOf(SourceException.class)
                .hasMessageContaining("nope.jsonl does not exist");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    static List<OutgoingTweet> all(ReplaySource source, SourceState state) {
        List<OutgoingTweet> out = new ArrayList<>();
        source.nextBatch(state).forEachRemaining(out::add);
        return out;
    }
}
