package dev.streamproc.transformer;

import java.util.List;

/** The answer for a whole invocation: one {@link TransformedRecord} per source record, in the same order. */
public record TransformedBatch(List<TransformedRecord> records, long estimatedResponseBytes) {

    public TransformedBatch {
        records = List.copyOf(records);
    }

    public long count(Result result) {
        return records.stream().filter(r -> r.result() == result).count();
    }

    public long rows() {
        return records.stream().mapToLong(TransformedRecord::rows).sum();
    }

    public long notices() {
        return records.stream().mapToLong(TransformedRecord::notices).sum();
    }
}
