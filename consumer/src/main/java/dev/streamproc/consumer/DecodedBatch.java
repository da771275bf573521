package dev.streamproc.consumer;

import java.util.List;

/** A batch of Kinesis records turned into the items to write, with every user record accounted for. */
public record DecodedBatch(
        int records,
        int userRecords,
        int skipped,
        List<Rejection> rejections,
        WritePlan plan) {

    public int rejected() {
        return rejections.size();
    }
}
