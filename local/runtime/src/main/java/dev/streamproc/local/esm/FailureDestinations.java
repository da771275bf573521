package dev.streamproc.local.esm;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The on-failure destination an ARN names. AWS accepts SQS queues, SNS topics and S3 buckets for stream mappings
 * (Lambda API reference, {@code OnFailure}); locally SQS and S3 are served. An SNS topic — or any other service —
 * is refused when the stack starts, so a mapping never loops forever on a destination it cannot reach.
 */
public final class FailureDestinations {

    private FailureDestinations() {
    }

    /** Null when {@code arn} is null; throws IllegalArgumentException (one line) for a destination local cannot serve. */
    public static FailureDestination of(String arn, SqsClient sqs, S3Client s3, String mappingUuid) {
        if (arn == null || arn.isBlank()) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        String service = parts.length == 6 && parts[0].equals("arn") ? parts[2] : "";
        return switch (service) {
            case "sqs" -> new SqsFailureDestination(sqs, arn);
            case "s3" -> {
                if (s3 == null) {
                    throw new IllegalArgumentException("on-failure destination " + arn + " needs S3, which is not running");
                }
                yield new S3FailureDestination(s3, arn, mappingUuid);
            }
            case "sns" -> throw new IllegalArgumentException("on-failure destination " + arn
                    + " is an SNS topic; the local stack has no SNS: use an SQS queue or an S3 bucket");
            default -> throw new IllegalArgumentException("on-failure destination " + arn
                    + " is not an SQS queue or S3 bucket ARN");
        };
    }
}
