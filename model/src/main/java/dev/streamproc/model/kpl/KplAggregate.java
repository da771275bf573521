package dev.streamproc.model.kpl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Kinesis Producer Library's aggregation format: {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord},
 * then the MD5 of the protobuf bytes.
 *
 * <pre>
 * message AggregatedRecord { repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 *                            repeated Record records = 3; }
 * message Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
 *                  required bytes data = 3; repeated Tag tags = 4; }
 * </pre>
 * Protobuf is read by hand: the format is small and a protobuf runtime would triple a Lambda jar. Tests write
 * aggregates with the test fixture {@code KplAggregateEncoder} (model's test-jar).
 */
public final class KplAggregate {

    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    static final int DIGEST_LENGTH = 16;

    static final int WIRE_VARINT = 0;
    static final int WIRE_FIXED64 = 1;
    static final int WIRE_LENGTH_DELIMITED = 2;
    static final int WIRE_FIXED32 = 5;

    private KplAggregate() {
    }

    public static boolean isAggregated(byte[] data) {
        return data != null && data.length >= MAGIC.length
                && data[0] == MAGIC[0] && data[1] == MAGIC[1] && data[2] == MAGIC[2] && data[3] == MAGIC[3];
    }

    /**
     * @return the user records: a plain record as one record under {@code outerPartitionKey}, an aggregate as
     * each of its records with its own keys
     * @throws CorruptAggregateException when the record has the KPL magic but is not a valid aggregate
     */
    public static List<UserRecord> decode(byte[] data, String outerPartitionKey) {
        if (!isAggregated(data)) {
            return List.of(new UserRecord(outerPartitionKey, null, 0, data, false));
        }
        int messageEnd = data.length - DIGEST_LENGTH;
        if (messageEnd < MAGIC.length) {
            throw new CorruptAggregateException("KPL aggregate of " + data.length + " bytes is too short for its MD5 trailer");
        }
        MessageDigest md5 = md5();
        md5.update(data, MAGIC.length, messageEnd - MAGIC.length);
        if (!Arrays.equals(md5.digest(), 0, DIGEST_LENGTH, data, messageEnd, data.length)) {
            throw new CorruptAggregateException("KPL aggregate of " + data.length + " bytes fails its MD5 check");
        }
        return readAggregatedRecord(new Reader(data, MAGIC.length, messageEnd));
    }

    private static List<UserRecord> readAggregatedRecord(Reader in) {
        List<String> partitionKeys = new ArrayList<>();
        List<String> explicitHashKeys = new ArrayList<>();
        List<long[]> indexes = new ArrayList<>(); // {partition key index, explicit hash key index or -1}
        List<byte[]> payloads = new ArrayList<>();
        while (in.hasMore()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 1 && wireType == WIRE_LENGTH_DELIMITED) {
                partitionKeys.add(in.string());
            } else if (field == 2 && wireType == WIRE_LENGTH_DELIMITED) {
                explicitHashKeys.add(in.string());
            } else if (field == 3 && wireType == WIRE_LENGTH_DELIMITED) {
                Reader record = in.message();
                long[] index = {-1, -1};
                byte[] payload = null;
                while (record.hasMore()) {
                    long recordTag = record.varint();
                    int recordField = (int) (recordTag >>> 3);
                    int recordWire = (int) (recordTag & 7);
                    if (recordField == 1 && recordWire == WIRE_VARINT) {
                        index[0] = record.varint();
                    } else if (recordField == 2 && recordWire == WIRE_VARINT) {
                        index[1] = record.varint();
                    } else if (recordField == 3 && recordWire == WIRE_LENGTH_DELIMITED) {
                        payload = record.bytes();
                    } else {
                        record.skip(recordWire); // tags (field 4) and anything newer
                    }
                }
                if (index[0] < 0 || payload == null) {
                    throw new CorruptAggregateException("KPL aggregate record " + payloads.size()
                            + " lacks its " + (payload == null ? "data" : "partition key index"));
                }
                indexes.add(index);
                payloads.add(payload);
            } else {
                in.skip(wireType);
            }
        }
        if (payloads.isEmpty()) {
            throw new CorruptAggregateException("KPL aggregate holds no records");
        }
        List<UserRecord> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            long[] index = indexes.get(i);
            records.add(new UserRecord(
                    lookup(partitionKeys, index[0], "partition key", i),
                    index[1] < 0 ? null : lookup(explicitHashKeys, index[1], "explicit hash key", i),
                    i,
                    payloads.get(i),
                    true));
        }
        return records;
    }

    private static String lookup(List<String> table, long index, String what, int record) {
        if (index >= table.size()) {
            throw new CorruptAggregateException("KPL aggregate record " + record + " points at " + what + " " + index
                    + " of a table of " + table.size());
        }
        return table.get((int) index);
    }

    /** Cloning a ready digest skips the provider lookup of {@code getInstance} (MessageDigest is not thread-safe). */
    private static final MessageDigest MD5_PROTOTYPE = newMd5();

    static MessageDigest md5() {
        try {
            return (MessageDigest) MD5_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newMd5();
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships MD5", e);
        }
    }

    /** Reads protobuf wire format from {@code [position, end)} of an array; any overrun is corruption. */
    private static final class Reader {
        private final byte[] buffer;
        private int position;
        private final int end;

        Reader(byte[] buffer, int position, int end) {
            this.buffer = buffer;
            this.position = position;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw corrupt("a varint runs past the end");
                }
                byte b = buffer[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw corrupt("a varint is longer than 10 bytes");
        }

        private int length() {
            long length = varint();
            if (length < 0 || length > end - position) {
                throw corrupt("a field of " + length + " bytes runs past the end (" + (end - position) + " left)");
            }
            return (int) length;
        }

        byte[] bytes() {
            int length = length();
            byte[] value = Arrays.copyOfRange(buffer, position, position + length);
            position += length;
            return value;
        }

        String string() {
            int length = length();
            String value = new String(buffer, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        Reader message() {
            int length = length();
            Reader nested = new Reader(buffer, position, position + length);
            position += length;
            return nested;
        }

        void skip(int wireType) {
            switch (wireType) {
                case WIRE_VARINT -> varint();
                case WIRE_LENGTH_DELIMITED -> advance(length());
                case WIRE_FIXED64 -> advance(8);
                case WIRE_FIXED32 -> advance(4);
                default -> throw corrupt("unknown protobuf wire type " + wireType);
            }
        }

        private void advance(int count) {
            if (count > end - position) {
                throw corrupt("a fixed-width field runs past the end");
            }
            position += count;
        }

        private CorruptAggregateException corrupt(String what) {
            return new CorruptAggregateException("KPL aggregate is malformed at byte " + position + ": " + what);
        }
    }
}
