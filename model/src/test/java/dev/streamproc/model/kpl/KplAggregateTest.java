package dev.streamproc.model.kpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KplAggregateTest {

    @Test
    void passesAPlainRecordThroughUnderTheOuterKey() {
        byte[] data = "{\"id_str\":\"1\"}".getBytes(StandardCharsets.UTF_8);

        List<UserRecord> records = KplAggregate.decode(data, "outer-key");

        assertThat(KplAggregate.isAggregated(data)).isFalse();
        assertThat(records).hasSize(1);
        UserRecord only = records.get(0);
        assertThat(only.partitionKey()).isEqualTo("outer-key");
        assertThat(only.explicitHashKey()).isNull();
        assertThat(only.subSequenceNumber()).isZero();
        assertThat(only.data()).isSameAs(data);
        assertThat(only.aggregated()).isFalse();
    }

    @Test
    void passesEmptyAndShortRecordsThrough() {
        assertThat(KplAggregate.decode(new byte[0], "k")).singleElement()
                .satisfies(r -> assertThat(r.data()).isEmpty());
        assertThat(KplAggregate.decode(new byte[] {(byte) 0xF3, (byte) 0x89}, "k")).hasSize(1);
    }

    @Test
    void roundTrips500UserRecordsWithTheirOwnKeys() {
        List<UserRecord> input = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String ehk = i % 3 == 0 ? String.valueOf(i * 1_000_003L) : null;
            input.add(new UserRecord("tweet-" + i, ehk, 0,
                    ("{\"n\":" + i + ",\"text\":\"こんにちは 😀\"}").getBytes(StandardCharsets.UTF_8), false));
        }

        byte[] aggregate = KplAggregateEncoder.encode(input);
        List<UserRecord> output = KplAggregate.decode(aggregate, "outer");

        assertThat(KplAggregate.isAggregated(aggregate)).isTrue();
        assertThat(output).hasSize(500);
        for (int i = 0; i < 500; i++) {
            UserRecord record = output.get(i);
            assertThat(record.partitionKey()).isEqualTo("tweet-" + i);
            assertThat(record.explicitHashKey()).isEqualTo(input.get(i).explicitHashKey());
            assertThat(record.subSequenceNumber()).isEqualTo(i);
            assertThat(record.data()).isEqualTo(input.get(i).data());
            assertThat(record.aggregated()).isTrue();
        }
    }

    @Test
    void sharesRepeatedKeysThroughTheKeyTable() {
        List<UserRecord> input = List.of(
                new UserRecord("same", null, 0, new byte[] {1}, false),
                new UserRecord("same", null, 0, new byte[] {2}, false),
                new UserRecord("other", null, 0, new byte[] {3}, false));

        List<UserRecord> output = KplAggregate.decode(KplAggregateEncoder.encode(input), "outer");

        assertThat(output).extracting(UserRecord::partitionKey).containsExactly("same", "same", "other");
        assertThat(output).extracting(r -> r.data()[0]).containsExactly((byte) 1, (byte) 2, (byte) 3);
    }

    @Test
    void encodesTheExactKplWireFormat() throws Exception {
        byte[] aggregate = KplAggregateEncoder.encode(List.of(new UserRecord("pk", "123", 0, new byte[] {'h', 'i'}, false)));

        // magic | partition_key_table "pk" | explicit_hash_key_table "123" | records { pk 0, ehk 0, data "hi" } | md5
        byte[] protobuf = HexFormat.of().parseHex("0a02706b" + "1203313233" + "1a08" + "0800" + "1000" + "1a026869");
        assertThat(Arrays.copyOfRange(aggregate, 0, 4)).isEqualTo(HexFormat.of().parseHex("f3899ac2"));
        assertThat(Arrays.copyOfRange(aggregate, 4, 4 + protobuf.length)).isEqualTo(protobuf);
        assertThat(Arrays.copyOfRange(aggregate, 4 + protobuf.length, aggregate.length))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(protobuf));
    }

    @Test
    void skipsTagsAndUnknownFields() {
        // records { pk 0, data "x", tags { key "k" value "v" } }, plus an unknown varint field 9 at the top level
        byte[] protobuf = HexFormat.of().parseHex("0a0161" + "1a0d" + "0800" + "1a0178" + "2206" + "0a016b" + "120176"
                + "4801");
        List<UserRecord> records = KplAggregate.decode(withTrailer(protobuf), "outer");

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.partitionKey()).isEqualTo("a");
            assertThat(r.data()).containsExactly('x');
        });
    }

    @Test
    void rejectsAnAggregateWhoseMd5DoesNotMatch() {
        byte[] aggregate = KplAggregateEncoder.encode(List.of(new UserRecord("pk", null, 0, new byte[] {1, 2, 3}, false)));
        aggregate[aggregate.length - 20] ^= 0x01; // flip a payload bit

        assertThatThrownBy(() -> KplAggregate.decode(aggregate, "outer"))
                .isInstanceOf(CorruptAggregateException.class).hasMessageContaining("MD5");
    }

    @Test
    void rejectsATruncatedAggregate() {
        byte[] aggregate = KplAggregateEncoder.encode(List.of(new UserRecord("pk", null, 0, new byte[100], false)));

        assertThatThrownBy(() -> KplAggregate.decode(Arrays.copyOf(aggregate, aggregate.length - 30), "outer"))
                .isInstanceOf(CorruptAggregateException.class);
        assertThatThrownBy(() -> KplAggregate.decode(Arrays.copyOf(aggregate, 10), "outer"))
                .isInstanceOf(CorruptAggregateException.class).hasMessageContaining("too short");
    }

    @Test
    void rejectsStructuralCorruptionEvenWithAValidChecksum() {
        // a record field whose length runs past the end
        assertThatThrownBy(() -> KplAggregate.decode(withTrailer(HexFormat.of().parseHex("0a0161" + "1a20" + "0800")), "o"))
                .isInstanceOf(CorruptAggregateException.class).hasMessageContaining("runs past the end");
        // partition key index 5 of a one-entry table
        assertThatThrownBy(() -> KplAggregate.decode(withTrailer(HexFormat.of().parseHex("0a0161" + "1a05" + "0805" + "1a0178")), "o"))
                .isInstanceOf(CorruptAggregateException.class).hasMessageContaining("partition key 5 of a table of 1");
        // a record without data
        assertThatThrownBy(() -> KplAggregate.decode(withTrailer(HexFormat.of().parseHex("0a0161" + "1a02" + "0800")), "o"))
                .isInstanceOf(CorruptAggregateException.class).hasMessageContaining("lacks its data");
        // no records at all
        assertThatThrownBy(() -> KplAggregate.decode(withTrailer(HexFormat.of().parseHex("0a0161")), "o"))
                .isInstanceOf(CorruptAggregateException.class).hasMessageContaining("no records");
    }

    private static byte[] withTrailer(byte[] protobuf) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(protobuf);
            byte[] out = new byte[4 + protobuf.length + 16];
            System.arraycopy(HexFormat.of().parseHex("f3899ac2"), 0, out, 0, 4);
            System.arraycopy(protobuf, 0, out, 4, protobuf.length);
            System.arraycopy(md5, 0, out, 4 + protobuf.length, 16);
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
