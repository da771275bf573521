package dev.streamproc.model.kpl;

import static dev.streamproc.model.kpl.KplAggregate.DIGEST_LENGTH;
import static dev.streamproc.model.kpl.KplAggregate.MAGIC;
import static dev.streamproc.model.kpl.KplAggregate.WIRE_LENGTH_DELIMITED;
import static dev.streamproc.model.kpl.KplAggregate.WIRE_VARINT;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: writes KPL aggregates byte for byte as the KPL does (checked against the real KPL by
 * RealKplAggregateTest), so tests anywhere can put aggregates on a stream. Shipped in model's test-jar.
 */
public final class KplAggregateEncoder {

    private KplAggregateEncoder() {
    }

    /** The exact bytes the KPL would put for these records (keys deduplicated into tables in order of first use). */
    public static byte[] encode(List<UserRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("an aggregate needs at least one record");
        }
        Map<String, Integer> partitionKeys = new LinkedHashMap<>();
        Map<String, Integer> explicitHashKeys = new LinkedHashMap<>();
        Writer body = new Writer();
        for (UserRecord record : records) {
            Writer one = new Writer();
            one.tag(1, WIRE_VARINT).varint(indexOf(partitionKeys, record.partitionKey()));
            if (record.explicitHashKey() != null) {
                one.tag(2, WIRE_VARINT).varint(indexOf(explicitHashKeys, record.explicitHashKey()));
            }
            one.tag(3, WIRE_LENGTH_DELIMITED).bytes(record.data());
            body.tag(3, WIRE_LENGTH_DELIMITED).bytes(one.toByteArray());
        }
        Writer message = new Writer();
        for (String key : partitionKeys.keySet()) {
            message.tag(1, WIRE_LENGTH_DELIMITED).bytes(key.getBytes(StandardCharsets.UTF_8));
        }
        for (String key : explicitHashKeys.keySet()) {
            message.tag(2, WIRE_LENGTH_DELIMITED).bytes(key.getBytes(StandardCharsets.UTF_8));
        }
        message.raw(body.toByteArray());
        byte[] protobuf = message.toByteArray();
        byte[] out = new byte[MAGIC.length + protobuf.length + DIGEST_LENGTH];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(protobuf, 0, out, MAGIC.length, protobuf.length);
        System.arraycopy(KplAggregate.md5().digest(protobuf), 0, out, MAGIC.length + protobuf.length, DIGEST_LENGTH);
        return out;
    }

    private static int indexOf(Map<String, Integer> table, String key) {
        return table.computeIfAbsent(key, k -> table.size());
    }

    /** Protobuf wire format into a growing array. */
    private static final class Writer {
        private byte[] buffer = new byte[256];
        private int size;

        Writer tag(int field, int wireType) {
            return varint(((long) field << 3) | wireType);
        }

        Writer varint(long value) {
            while ((value & ~0x7FL) != 0) {
                put((byte) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            put((byte) value);
            return this;
        }

        Writer bytes(byte[] value) {
            varint(value.length);
            return raw(value);
        }

        Writer raw(byte[] value) {
            ensure(value.length);
            System.arraycopy(value, 0, buffer, size, value.length);
            size += value.length;
            return this;
        }

        private void put(byte b) {
            ensure(1);
            buffer[size++] = b;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
