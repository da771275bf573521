package dev.streamproc.local.cloud.template;

import java.util.Optional;

/** Reading the resource name back out of an AWS ARN ({@code arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE}). */
public final class Arns {

    private Arns() {
    }

    /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>} → name. */
    public static String streamName(String arn) {
        return resource(arn, "kinesis", "stream/");
    }

    /** {@code arn:aws:dynamodb:...:table/<name>[/stream/<label>]} → table name. */
    public static String tableName(String arn) {
        String rest = resource(arn, "dynamodb", "table/");
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** {@code arn:aws:sqs:<region>:<account>:<name>} → name. */
    public static String queueName(String arn) {
        return resource(arn, "sqs", "");
    }

    /** {@code arn:aws:s3:::<bucket>} → bucket. */
    public static String bucketName(String arn) {
        return resource(arn, "s3", "");
    }

    /** {@code arn:aws:firehose:...:deliverystream/<name>} → name. */
    public static String deliveryStreamName(String arn) {
        return resource(arn, "firehose", "deliverystream/");
    }

    /** {@code arn:aws:lambda:...:function:<name>[:qualifier]} → name; a plain name is returned as it is. */
    public static String functionName(String arnOrName) {
        if (!arnOrName.startsWith("arn:")) {
            return arnOrName;
        }
        String[] parts = arnOrName.split(":");
        if (parts.length < 7 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
            throw new TemplateException("not a Lambda function ARN: " + arnOrName);
        }
        return parts[6];
    }

    /** The qualifier of a function ARN ({@code ...:function:name:live} → live), if any. */
    public static Optional<String> qualifierOf(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length >= 8 ? Optional.of(parts[7]) : Optional.empty();
    }

    private static String resource(String arn, String service, String resourcePrefix) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals(service) || !parts[5].startsWith(resourcePrefix)) {
            throw new TemplateException("not " + (service.equals("s3") ? "an S3" : "a " + service) + " ARN"
                    + (resourcePrefix.isEmpty() ? "" : " of '" + resourcePrefix + "<name>'") + ": " + arn);
        }
        return parts[5].substring(resourcePrefix.length());
    }
}
