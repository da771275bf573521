package dev.streamproc.local.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;

/**
 * Input the pipeline must survive, put beside the producer's tweets with a plain PutRecord (as any other
 * writer to the stream could): malformed records, which the consumer must reject and Firehose must write to
 * its error prefix, and stream notices, which both must skip on purpose.
 */
public final class BadInput {

    /** One record put on the stream. */
    public record Put(String kind, String partitionKey, byte[] data) {
    }

    private static final List<byte[]> MALFORMED = List.of(
            "{\"id_str\":\"1\",\"text\":\"cut off in the midd".getBytes(StandardCharsets.UTF_8),
            new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
            "this is not JSON at all".getBytes(StandardCharsets.UTF_8),
            "[1,2,3]".getBytes(StandardCharsets.UTF_8),
            "{\"text\":\"a tweet without an id or a user\"}".getBytes(StandardCharsets.UTF_8));

    private static final List<String> NOTICES = List.of(
            "{\"limit\":{\"track\":1234,\"timestamp_ms\":\"1700000000000\"}}",
            "{\"scrub_geo\":{\"user_id\":12345,\"user_id_str\":\"12345\",\"up_to_status_id\":1,\"up_to_status_id_str\":\"1\"}}",
            "{\"status_withheld\":{\"id\":99,\"user_id\":12345,\"withheld_in_countries\":[\"DE\"]}}");

    private BadInput() {
    }

    /** {@code malformed} malformed records (cycling through the kinds above) and {@code notices} notices. */
    public static List<Put> records(int malformed, int notices) {
        List<Put> puts = new ArrayList<>();
        for (int i = 0; i < malformed; i++) {
            puts.add(new Put("malformed", "malformed-" + i, MALFORMED.get(i % MALFORMED.size())));
        }
        for (int i = 0; i < notices; i++) {
            puts.add(new Put("notice", "notice-" + i, NOTICES.get(i % NOTICES.size()).getBytes(StandardCharsets.UTF_8)));
        }
        return puts;
    }

    /** Puts each record with its own PutRecord call. */
    public static void put(KinesisClient kinesis, String stream, List<Put> puts) {
        for (Put put : puts) {
            kinesis.putRecord(PutRecordRequest.builder().streamName(stream).partitionKey(put.partitionKey())
                    .data(SdkBytes.fromByteArray(put.data())).build());
        }
    }
}
