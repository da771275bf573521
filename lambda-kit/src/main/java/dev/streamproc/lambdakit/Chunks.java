package dev.streamproc.lambdakit;

import java.util.ArrayList;
import java.util.List;

/** Splits a list into consecutive runs of at most {@code size} elements. */
public final class Chunks {

    private Chunks() {
    }

    public static <T> List<List<T>> of(List<T> elements, int size) {
        List<List<T>> chunks = new ArrayList<>((elements.size() + size - 1) / size);
        for (int from = 0; from < elements.size(); from += size) {
            chunks.add(elements.subList(from, Math.min(from + size, elements.size())));
        }
        return chunks;
    }
}
