package dev.streamproc.local.stream;

import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The stream a template's {@code !GetAtt Table.StreamArn} means. A template cannot know a stream's label (AWS and
 * DynamoDB Local both stamp it when the stream is enabled), so the local template resolves the attribute with a
 * placeholder label; this finds the table's current stream, as the attribute would on AWS.
 */
public final class DynamoDbStreamArns {

    private DynamoDbStreamArns() {
    }

    /** {@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>} → the table's latest stream ARN. */
    public static String actual(DynamoDbStreamsClient streams, String templateArn) {
        String table = tableOf(templateArn);
        List<Stream> found = streams.listStreams(r -> r.tableName(table)).streams();
        if (found.stream().anyMatch(s -> s.streamArn().equals(templateArn))) {
            return templateArn;
        }
        // Labels are creation timestamps (ISO 8601), so the greatest is the stream the table has now.
        return found.stream().max(Comparator.comparing(Stream::streamLabel)).map(Stream::streamArn)
                .orElseThrow(() -> new IllegalStateException("table " + table + " has no stream (" + templateArn
                        + "): give it a StreamSpecification with a StreamViewType in the template"));
    }

    /**
     * The stream ARN as AWS would show it to the function ({@code eventSourceARN}): the template's region and account
     * with the stream's real label. DynamoDB Local names its own region ({@code ddblocal}) in the ARNs it returns.
     */
    public static String asOnAws(String templateArn, String actualArn) {
        int label = actualArn.lastIndexOf("/stream/");
        int own = templateArn.lastIndexOf("/stream/");
        return label < 0 || own < 0 ? actualArn : templateArn.substring(0, own) + actualArn.substring(label);
    }

    static String tableOf(String streamArn) {
        String[] parts = streamArn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("dynamodb") || !parts[5].startsWith("table/") || !parts[5].contains("/stream/")) {
            throw new IllegalArgumentException("not a DynamoDB stream ARN: " + streamArn);
        }
        String resource = parts[5].substring("table/".length());
        return resource.substring(0, resource.indexOf("/stream/"));
    }
}
