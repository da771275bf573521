package dev.streamproc.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.local.cloud.server.DynamoDbServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The function as Lambda starts it, in its own JVM: it finds its table and DynamoDB endpoint
 * through the standard environment variables only, and writes JSON logs and EMF metrics to
 * standard output.
 */
class ConsumerEnvironmentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void configuresItselfFromTheStandardEnvironmentVariables() throws Exception {
        try (DynamoDbServer server = DynamoDbServer.start();
             DynamoDbClient dynamo = DynamoDbClient.builder()
                     .httpClient(DynamoDbClients.httpClient())
                     .endpointOverride(URI.create(server.endpoint()))
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .build()) {
            EventDataTable table = EventDataTable.create(dynamo, "streamproc-EventData");

            List<String> output = invokeInFreshJvm(Map.of(
                    "AWS_ENDPOINT_URL_DYNAMODB", server.endpoint(),
                    "TABLE_NAME", table.name()));

            assertThat(output).contains("FAILURES 0");
            assertThat(table.get("yamada_taro", "550000000000000004").get("Message").s())
                    .isEqualTo("あけましておめでとうございます！今年もよろしく #新年");
            assertThat(table.count()).isEqualTo(1);
            JsonNode summary = jsonLine(output, "batch processed");
            assertThat(summary.path("level").asText()).isEqualTo("INFO");
            assertThat(summary.path("function_name").asText()).isEqualTo("ConsumerFunction");
            assertThat(summary.path("itemsWritten").asInt()).isEqualTo(1);
            assertThat(summary.path("skipped").asInt()).isEqualTo(1);
            JsonNode emf = output.stream().filter(line -> line.contains("\"_aws\"")).map(ConsumerEnvironmentTest::parse)
                    .findFirst().orElseThrow(() -> new AssertionError("no EMF metrics line in " + output));
            assertThat(emf.path("RecordsIn").asInt()).isEqualTo(2);
            assertThat(emf.path("RecordsSkipped").asInt()).isEqualTo(1);
            assertThat(emf.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("StreamProcessing");
        }
    }

    private static List<String> invokeInFreshJvm(Map<String, String> functionEnvironment) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, InvokeOnce.class.getName())
                .redirectErrorStream(true)
                .redirectInput(Path.of("src/test/resources/events/kinesis-tweet-and-notice.json").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("POWERTOOLS_"));
        environment.putAll(Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_LAMBDA_FUNCTION_NAME", "ConsumerFunction",
                "AWS_EMF_ENVIRONMENT", "Local",
                "POWERTOOLS_METRICS_NAMESPACE", "StreamProcessing")); // template.yaml's Globals give it every function
        environment.putAll(functionEnvironment);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            reader.lines().forEach(lines::add);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit code; output: %s", lines).isZero();
        return lines;
    }

    private static JsonNode jsonLine(List<String> lines, String message) {
        return lines.stream().filter(line -> line.startsWith("{")).map(ConsumerEnvironmentTest::parse)
                .filter(node -> message.equals(node.path("message").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON log line '" + message + "' in " + lines));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
