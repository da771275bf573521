package dev.streamproc.transformer;

/** Firehose's per-record status model; the names are the exact strings Firehose expects. */
public enum Result {
    /** Transformed: the data goes to the destination. */
    Ok,
    /** Left out on purpose (stream notices); counts as successfully processed. */
    Dropped,
    /** Could not be transformed: Firehose writes the record to the bucket's processing-failed prefix. */
    ProcessingFailed
}
