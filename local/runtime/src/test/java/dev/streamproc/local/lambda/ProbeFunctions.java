package dev.streamproc.local.lambda;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Functions of a test stack, all running {@code ProbeFunction} from the test classes folder. */
final class ProbeFunctions {

    static final String HANDLER = "dev.streamproc.local.lambda.testfunction.ProbeFunction::handleRequest";

    private ProbeFunctions() {
    }

    static FunctionSpec probe(String logicalId, Duration timeout, Map<String, String> environment) {
        return probe(logicalId, HANDLER, timeout, environment);
    }

    static FunctionSpec probe(String logicalId, String handler, Duration timeout, Map<String, String> environment) {
        String name = "test-stack-" + logicalId;
        return new FunctionSpec(logicalId, name, "arn:aws:lambda:us-east-1:123456789012:function:" + name,
                List.of(testClasses()), handler, 256, timeout, environment);
    }

    static Path testClasses() {
        try {
            return Path.of(ProbeFunctions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> sdkEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4569",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1");
    }
}
