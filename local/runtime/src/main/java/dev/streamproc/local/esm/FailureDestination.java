package dev.streamproc.local.esm;

/** Where an event source mapping sends the description of a batch it gave up on (the OnFailure destination). */
public interface FailureDestination {

    void send(String failureRecordJson);
}
