package dev.streamproc.local.stream;

import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB stream's two names: the ARN the local server answers to ({@code arn:aws:dynamodb:ddblocal:000000000000:
 * table/T/stream/2026-11-29T18:10:48.045}) and the ARN a function sees, as AWS writes it — the stack's region and
 * account, the server's timestamp label ({@code arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2026-...}).
 * A template names the stream before it exists (label {@code local}); the server's label is looked up by table.
 */
public record DynamoDbStreamArn(String serverArn, String awsArn, String region) {

    private static final Pattern ARN = Pattern.compile("arn:([^:]+):dynamodb:([^:]*):([^:]*):table/([^/]+)/stream/(.+)");

    /** Resolves {@code configuredArn} (the template's, or the server's own) against the running server. */
    public static DynamoDbStreamArn resolve(DynamoDbStreamsClient streams, String configuredArn) {
        var m = ARN.matcher(configuredArn);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a DynamoDB stream ARN: " + configuredArn);
        }
        String partition = m.group(1);
        String region = m.group(2);
        String account = m.group(3);
        String table = m.group(4);
        String serverArn = configuredArn;
        try {
            streams.describeStream(r -> r.streamArn(configuredArn).limit(1));
        } catch (ResourceNotFoundException e) {
            serverArn = streams.listStreams(r -> r.tableName(table)).streams().stream().map(Stream::streamArn)
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new IllegalArgumentException("table " + table + " has no stream (StreamSpecification missing?)"));
        }
        String label = serverArn.substring(serverArn.lastIndexOf("/stream/") + "/stream/".length());
        return new DynamoDbStreamArn(serverArn, "arn:" + partition + ":dynamodb:" + region + ":" + account + ":table/" + table
                + "/stream/" + label, region);
    }
}
