package dev.streamproc.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages of a log file by byte offset: back to the start without gaps or overlaps, a filter, and the live tail. */
class LogTailTest {

    @TempDir
    Path dir;

    Path log(int lines) throws Exception {
        Path file = dir.resolve("Fn.log");
        // lines of different lengths, some long, so pages cross the read chunks
        String text = IntStream.range(0, lines).mapToObj(i -> "line " + i + " " + "x".repeat(i % 7 == 0 ? 3000 : i % 50))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(file, text);
        return file;
    }

    @Test
    void scrollingBackReturnsEveryLineOnceInOrder() throws Exception {
        Path file = log(1000);
        List<String> all = new ArrayList<>();
        LogTail.Page page = LogTail.before(file, -1, null, 120);
        int pages = 1;
        all.addAll(0, page.lines());
        while (page.more()) {
            assertThat(page.lines()).hasSize(120);
            page = LogTail.before(file, page.start(), null, 120);
            all.addAll(0, page.lines());
            pages++;
        }

        assertThat(pages).isEqualTo(9);
        assertThat(all).hasSize(1000);
        assertThat(all).isEqualTo(Files.readAllLines(file));
    }

    @Test
    void aFilterKeepsTheLinesWithItsTextIgnoringCase() throws Exception {
        Path file = log(300);

        LogTail.Page page = LogTail.before(file, -1, "LINE 29", 100);

        assertThat(page.lines()).extracting(l -> l.substring(0, l.indexOf(' ', 5)))
                .containsExactly("line 29", "line 290", "line 291", "line 292", "line 293", "line 294", "line 295", "line 296", "line 297", "line 298", "line 299");
    }

    @Test
    void theLiveTailReturnsOnlyWhatWasWrittenSince() throws Exception {
        Path file = log(10);
        long end = LogTail.before(file, -1, null, 5).end();
        Files.writeString(file, "START RequestId: r1\nREPORT RequestId: r1\npartial", StandardOpenOption.APPEND);

        LogTail.Page tail = LogTail.after(file, end, null);

        assertThat(tail.lines()).containsExactly("START RequestId: r1", "REPORT RequestId: r1");
        assertThat(LogTail.after(file, tail.end(), null).lines()).isEmpty(); // the unfinished line waits for its newline
    }

    @Test
    void aMissingLogIsAnEmptyPage() {
        assertThat(LogTail.before(dir.resolve("none.log"), -1, null, 10).lines()).isEmpty();
    }
}
