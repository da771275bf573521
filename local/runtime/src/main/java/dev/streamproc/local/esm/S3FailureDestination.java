package dev.streamproc.local.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 bucket ({@code arn:aws:s3:::BUCKET}) as on-failure destination. As AWS recorded it (LocalStack snapshots
 * {@code test_kinesis_event_source_mapping_with_s3_on_failure_destination} and
 * {@code test_dynamodb_event_source_mapping_with_s3_on_failure_destination}): one object per discarded batch under
 * {@code aws/lambda/<mapping UUID>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>}, the time being the record's
 * {@code timestamp}; its body is the failure record with keys in alphabetical order plus {@code payload}, the
 * event the records were invoked with.
 */
public final class S3FailureDestination implements FailureDestination {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final String bucketArn;
    private final String bucket;
    private final String mappingUuid;

    public S3FailureDestination(S3Client s3, String bucketArn, String mappingUuid) {
        this.s3 = s3;
        this.bucketArn = bucketArn;
        this.bucket = bucketOf(bucketArn);
        this.mappingUuid = mappingUuid;
    }

    static String bucketOf(String bucketArn) {
        String[] parts = bucketArn.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("s3") || parts[5].isBlank() || parts[5].contains("/")) {
            throw new IllegalArgumentException("not an S3 bucket ARN: " + bucketArn);
        }
        return parts[5];
    }

    @Override
    public void send(String failureRecordJson) {
        try {
            send((ObjectNode) KinesisEventFormat.JSON.readTree(failureRecordJson), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void send(ObjectNode failureRecord, byte[] payload) {
        String key = key(failureRecord);
        byte[] body = FailureRecord.json(body(failureRecord, payload)).getBytes(StandardCharsets.UTF_8);
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
    }

    String key(ObjectNode failureRecord) {
        Instant at = Instant.parse(failureRecord.get("timestamp").asText());
        String shardId = shardIdOf(failureRecord);
        return "aws/lambda/" + mappingUuid + "/" + shardId + "/" + DAY.format(at) + "/" + SECOND.format(at) + "-" + UUID.randomUUID();
    }

    private static String shardIdOf(ObjectNode failureRecord) {
        for (String infoKey : List.of("KinesisBatchInfo", "DDBStreamBatchInfo")) {
            JsonNode info = failureRecord.get(infoKey);
            if (info != null) {
                return info.get("shardId").asText();
            }
        }
        throw new IllegalArgumentException("failure record without batch info");
    }

    /** The record's keys sorted at every level, {@code payload} (the event, as sent) among them. */
    static ObjectNode body(ObjectNode failureRecord, byte[] payload) {
        ObjectNode body = (ObjectNode) sorted(failureRecord);
        if (payload != null) {
            try {
                body.set("payload", KinesisEventFormat.JSON.readTree(payload));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> names = new ArrayList<>();
            body.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode ordered = KinesisEventFormat.JSON.createObjectNode();
            names.forEach(name -> ordered.set(name, body.get(name)));
            return ordered;
        }
        return body;
    }

    private static JsonNode sorted(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        ObjectNode out = KinesisEventFormat.JSON.createObjectNode();
        names.forEach(name -> out.set(name, sorted(node.get(name))));
        return out;
    }

    @Override
    public String toString() {
        return bucketArn;
    }
}
