package dev.streamproc.local.firehose;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a KPL aggregated Kinesis record (magic {@code F3 89 9A C2}, protobuf {@code AggregatedRecord}, MD5 of
 * the protobuf as trailer) into its user records, as Firehose does before calling the processor. Anything else —
 * no magic, a bad checksum, a protobuf that does not parse — is one plain record, which is also what the KCL does.
 *
 * <p>Firehose is a separate AWS service with its own decoder, and local/ does not depend on the application's
 * model module (DESIGN.md), so this is its own small decoder; the tests check it against the KPL's output.
 */
public final class KplDeaggregator {

    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int MD5_LENGTH = 16;

    /** One user record; {@code partitionKey} is null for a plain record (it keeps the Kinesis record's key). */
    public record UserRecord(String partitionKey, byte[] data, long subSequenceNumber) {
    }

    private KplDeaggregator() {
    }

    public static List<UserRecord> deaggregate(byte[] data) {
        if (!isAggregated(data)) {
            return List.of(new UserRecord(null, data, 0));
        }
        try {
            return parse(ByteBuffer.wrap(data, MAGIC.length, data.length - MAGIC.length - MD5_LENGTH));
        } catch (RuntimeException e) {
            return List.of(new UserRecord(null, data, 0));
        }
    }

    static boolean isAggregated(byte[] data) {
        if (data.length < MAGIC.length + MD5_LENGTH || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return false;
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(data, MAGIC.length, data.length - MAGIC.length - MD5_LENGTH);
            byte[] expected = md5.digest();
            return Arrays.equals(expected, 0, MD5_LENGTH, data, data.length - MD5_LENGTH, data.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<UserRecord> parse(ByteBuffer in) {
        List<String> keys = new ArrayList<>();
        List<long[]> keyIndexes = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        while (in.hasRemaining()) {
            long tag = varint(in);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == 2) {
                keys.add(new String(bytes(in), StandardCharsets.UTF_8));
            } else if (field == 3 && wire == 2) {
                ByteBuffer record = ByteBuffer.wrap(bytes(in));
                long keyIndex = -1;
                byte[] payload = new byte[0];
                while (record.hasRemaining()) {
                    long rtag = varint(record);
                    int rfield = (int) (rtag >>> 3);
                    int rwire = (int) (rtag & 7);
                    if (rfield == 1 && rwire == 0) {
                        keyIndex = varint(record);
                    } else if (rfield == 3 && rwire == 2) {
                        payload = bytes(record);
                    } else {
                        skip(record, rwire);
                    }
                }
                keyIndexes.add(new long[] {keyIndex});
                payloads.add(payload);
            } else {
                skip(in, wire);
            }
        }
        List<UserRecord> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            long k = keyIndexes.get(i)[0];
            if (k < 0 || k >= keys.size()) {
                throw new IllegalArgumentException("partition key index " + k + " out of range");
            }
            records.add(new UserRecord(keys.get((int) k), payloads.get(i), i));
        }
        return records;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static byte[] bytes(ByteBuffer in) {
        long length = varint(in);
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length + " past the end");
        }
        byte[] out = new byte[(int) length];
        in.get(out);
        return out;
    }

    private static void skip(ByteBuffer in, int wire) {
        switch (wire) {
            case 0 -> varint(in);
            case 1 -> in.position(in.position() + 8);
            case 2 -> bytes(in);
            case 5 -> in.position(in.position() + 4);
            default -> throw new IllegalArgumentException("unsupported wire type " + wire);
        }
    }
}
