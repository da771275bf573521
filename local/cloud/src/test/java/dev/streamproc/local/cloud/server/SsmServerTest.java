package dev.streamproc.local.cloud.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.local.cloud.Endpoints;
import dev.streamproc.local.cloud.SdkClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The local Parameter Store through the real SDK SsmClient and the AWS CLI. */
class SsmServerTest {

    @TempDir
    Path dir;

    private SsmServer server;
    private SsmClient ssm;

    @BeforeEach
    void start() throws IOException {
        Path seedFile = dir.resolve("local-parameters.properties");
        Files.writeString(seedFile, "/twitter/bearer_token=s3cret\n/twitter/place=String:worldwide\n");
        server = SsmServer.start(SsmServer.Config.inMemory().withSeed(SsmServer.readSeedFile(seedFile)));
        ssm = new SdkClients(new Endpoints(null, null, null, null, server.endpoint(), null, "us-east-1", null)).ssm();
    }

    @AfterEach
    void stop() {
        ssm.close();
        server.close();
    }

    @Test
    void putGetAndVersionsWorkAsParameterStoreDoes() {
        assertThat(ssm.putParameter(b -> b.name("/app/since").type(ParameterType.STRING).value("1")).version()).isEqualTo(1L);
        assertThatThrownBy(() -> ssm.putParameter(b -> b.name("/app/since").type(ParameterType.STRING).value("2")))
                .isInstanceOf(ParameterAlreadyExistsException.class);
        assertThat(ssm.putParameter(b -> b.name("/app/since").value("2").overwrite(true)).version()).isEqualTo(2L);

        Parameter latest = ssm.getParameter(b -> b.name("/app/since")).parameter();
        assertThat(latest.value()).isEqualTo("2");
        assertThat(latest.version()).isEqualTo(2L);
        assertThat(latest.type()).isEqualTo(ParameterType.STRING);
        assertThat(latest.arn()).isEqualTo("arn:aws:ssm:us-east-1:000000000000:parameter/app/since");
        assertThat(latest.lastModifiedDate()).isNotNull();
        assertThat(ssm.getParameter(b -> b.name("/app/since:1")).parameter().value()).isEqualTo("1");

        assertThatThrownBy(() -> ssm.getParameter(b -> b.name("/app/missing"))).isInstanceOf(ParameterNotFoundException.class);
        ssm.deleteParameter(b -> b.name("/app/since"));
        assertThatThrownBy(() -> ssm.getParameter(b -> b.name("/app/since"))).isInstanceOf(ParameterNotFoundException.class);
        assertThatThrownBy(() -> ssm.deleteParameter(b -> b.name("/app/since"))).isInstanceOf(ParameterNotFoundException.class);
    }

    @Test
    void secureStringsAreReadableOnlyWithDecryption() {
        Parameter hidden = ssm.getParameter(b -> b.name("/twitter/bearer_token")).parameter();
        assertThat(hidden.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(hidden.value()).isNotEqualTo("s3cret").doesNotContain("s3cret").isNotBlank();
        assertThat(ssm.getParameter(b -> b.name("/twitter/bearer_token").withDecryption(true)).parameter().value()).isEqualTo("s3cret");
        assertThat(ssm.getParameter(b -> b.name("/twitter/place")).parameter().value()).isEqualTo("worldwide");
    }

    @Test
    void getParametersReportsTheMissingOnes() {
        GetParametersResponse response = ssm.getParameters(b -> b.names("/twitter/place", "/nope").withDecryption(true));
        assertThat(response.parameters()).extracting(Parameter::name).containsExactly("/twitter/place");
        assertThat(response.invalidParameters()).containsExactly("/nope");
    }

    @Test
    void getParametersByPathHonoursRecursionAndPagesThroughEveryParameter() {
        IntStream.range(0, 23).forEach(i -> ssm.putParameter(b -> b.name("/many/p" + i).type(ParameterType.STRING).value("v" + i)));
        ssm.putParameter(b -> b.name("/many/deeper/x").type(ParameterType.STRING_LIST).value("a,b"));

        List<Parameter> oneLevel = ssm.getParametersByPathPaginator(b -> b.path("/many")).stream().flatMap(r -> r.parameters().stream()).toList();
        assertThat(oneLevel).hasSize(23).extracting(Parameter::name).doesNotContain("/many/deeper/x");
        List<Parameter> all = ssm.getParametersByPathPaginator(b -> b.path("/many/").recursive(true)).stream().flatMap(r -> r.parameters().stream()).toList();
        assertThat(all).hasSize(24);
        assertThat(ssm.getParametersByPath(b -> b.path("/twitter")).parameters())
                .filteredOn(p -> p.name().equals("/twitter/bearer_token")).extracting(Parameter::value).doesNotContain("s3cret");
        assertThat(ssm.describeParameters(b -> b.parameterFilters(f -> f.key("Path").option("OneLevel").values("/twitter"))).parameters())
                .hasSize(2);
    }

    @Test
    void theAwsCliReadsParametersFromIt() throws Exception {
        Assumptions.assumeTrue(onPath("aws"), "the AWS CLI is not installed");
        ProcessBuilder builder = new ProcessBuilder("aws", "ssm", "get-parameter", "--name", "/twitter/bearer_token", "--with-decryption",
                "--endpoint-url", server.endpoint(), "--output", "json").redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("\"Value\": \"s3cret\"").contains("\"Type\": \"SecureString\"");
    }

    @Test
    void persistsWritesAcrossRestarts() {
        Path file = dir.resolve("ssm.json");
        try (SsmServer first = SsmServer.start(new SsmServer.Config(0, Map.of(), file));
             SsmClient client = new SdkClients(new Endpoints(null, null, null, null, first.endpoint(), null, "us-east-1", null)).ssm()) {
            client.putParameter(b -> b.name("/kept").type(ParameterType.SECURE_STRING).value("v1"));
            client.putParameter(b -> b.name("/kept").value("v2").overwrite(true));
        }
        try (SsmServer second = SsmServer.start(new SsmServer.Config(0, Map.of(), file));
             SsmClient client = new SdkClients(new Endpoints(null, null, null, null, second.endpoint(), null, "us-east-1", null)).ssm()) {
            Parameter kept = client.getParameter(b -> b.name("/kept").withDecryption(true)).parameter();
            assertThat(kept.value()).isEqualTo("v2");
            assertThat(kept.version()).isEqualTo(2L);
            assertThat(kept.type()).isEqualTo(ParameterType.SECURE_STRING);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
