package dev.streamproc.lambdakit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunksTest {

    @Test
    void splitsIntoBatchWriteItemSizedRuns() {
        List<Integer> items = IntStream.range(0, 51).boxed().toList();

        List<List<Integer>> chunks = Chunks.of(items, BatchWriter.MAX_ITEMS_PER_CALL);

        assertThat(chunks).extracting(List::size).containsExactly(25, 25, 1);
        assertThat(chunks.get(2)).containsExactly(50);
    }

    @Test
    void exactMultiplesAndEmptyListsMakeNoExtraChunk() {
        assertThat(Chunks.of(IntStream.range(0, 50).boxed().toList(), 25)).hasSize(2);
        assertThat(Chunks.of(List.of(), 25)).isEmpty();
    }
}
