package dev.streamproc.local.esm;

/** Where an event source mapping sends the description of a batch it gave up on (the OnFailure destination). */
public interface FailureDestination {

    void send(String failureRecordJson);

    /**
     * Sends the record of a discarded batch; {@code payload} is the event the records were (or would have been)
     * invoked with, which only an S3 destination keeps.
     */
    default void send(com.fasterxml.jackson.databind.node.ObjectNode failureRecord, byte[] payload) {
        send(FailureRecord.json(failureRecord));
    }
}
