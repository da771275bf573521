package dev.streamproc.local.firehose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/** Bytes waiting for one S3 object (the delivered rows, or the error output), with what its key and hints need. */
final class S3Buffer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int records;
    private Instant oldestArrival;
    private long firstAddedNanos;

    void add(byte[] data, Instant arrival) {
        if (records == 0) {
            firstAddedNanos = System.nanoTime();
        }
        bytes.writeBytes(data);
        records++;
        if (oldestArrival == null || arrival.isBefore(oldestArrival)) {
            oldestArrival = arrival;
        }
    }

    boolean isEmpty() {
        return records == 0;
    }

    int records() {
        return records;
    }

    long size() {
        return bytes.size();
    }

    long ageNanos() {
        return records == 0 ? 0 : System.nanoTime() - firstAddedNanos;
    }

    Instant oldestArrival() {
        return oldestArrival;
    }

    byte[] content(boolean gzip) {
        if (!gzip) {
            return bytes.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            bytes.writeTo(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    void clear() {
        bytes.reset();
        records = 0;
        oldestArrival = null;
    }
}
