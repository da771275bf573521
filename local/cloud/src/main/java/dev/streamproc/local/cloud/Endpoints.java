package dev.streamproc.local.cloud;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the local servers answer. {@link #kinesis()} is HTTPS (the KPL needs TLS; self-signed certificate),
 * {@link #kinesisPlain()} the same server over plain HTTP (simplest for SDK clients).
 *
 * @param caBundle a PEM file that verifies the Kinesis TLS certificate for 127.0.0.1, or null when none could be made
 */
public record Endpoints(String kinesis, String kinesisPlain, String dynamodb, String s3, String ssm, String sqs, String region,
                        String caBundle) {

    public static final String ACCESS_KEY_ID = "test";
    public static final String SECRET_ACCESS_KEY = "test";

    /**
     * The standard variables that point the AWS CLI and SDKs at this stack: {@code AWS_ENDPOINT_URL_<SERVICE>},
     * dummy credentials, region, and {@code AWS_CA_BUNDLE} when a certificate bundle is available.
     */
    public Map<String, String> sdkEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_KINESIS", kinesis);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamodb);
        env.put("AWS_ENDPOINT_URL_S3", s3);
        env.put("AWS_ENDPOINT_URL_SSM", ssm);
        env.put("AWS_ENDPOINT_URL_SQS", sqs);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        if (caBundle != null) {
            env.put("AWS_CA_BUNDLE", caBundle);
        }
        return env;
    }
}
