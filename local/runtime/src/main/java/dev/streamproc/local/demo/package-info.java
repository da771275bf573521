/**
 * {@code streamproc demo}: the whole stack of template.yaml on one machine, fed by the producer CLI, with every
 * record accounted for.
 *
 * <h2>Accounting</h2>
 * After the producer ends, the stream is read back from TRIM_HORIZON ({@link dev.streamproc.local.demo.StreamCensus}):
 * that is the ground truth. The consumer side is read from what the consumer itself reports on AWS too — its
 * structured log lines (one per rejected record, one summary per invocation) and the items in EventData with
 * their lineage attributes — plus the on-failure queue's batch ranges. The archive side is read from the files
 * the local S3 holds (Ok rows, processing-failed lines) and Firehose's Dropped count. Producer retries can put a
 * record twice (at-least-once); such duplicates are identified by partition key and bytes and counted on both
 * paths, so the identities in {@link dev.streamproc.local.demo.Accounting} stay exact.
 *
 * <h2>Latency</h2>
 * Put time is the stream's own ApproximateArrivalTimestamp of the record (when Kinesis accepted it; the KPL's
 * buffering before that is not included). Visibility in EventData is when a reader scanning the table first
 * saw the item ({@link dev.streamproc.local.demo.EventDataWatcher}: an upper bound, late by at most one scan
 * interval). Visibility in S3 is the modification time of the object holding the row, so Firehose's buffering
 * (60 s by default, flushed at the end of the run) is part of it.
 */
package dev.streamproc.local.demo;
