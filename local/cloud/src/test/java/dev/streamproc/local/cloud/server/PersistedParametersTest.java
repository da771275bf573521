package dev.streamproc.local.cloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.Endpoints;
import dev.streamproc.local.cloud.SdkClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** {@code up --persist} keeps SecureString values on disk: only their owner may read the file (issue 11, item 7). */
@Timeout(60)
class PersistedParametersTest {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path dir;

    @Test
    void theFileHoldingSecureStringsIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("ssm-parameters.json");
        try (SsmServer server = SsmServer.start(new SsmServer.Config(0, Map.of("/twitter/bearer_token",
                new SsmServer.SeedParameter(ParameterStore.Type.SECURE_STRING, "s3cret")), file));
             SsmClient ssm = client(server)) {
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
            ssm.putParameter(b -> b.name("/app/token").type(ParameterType.SECURE_STRING).value("another"));
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
            assertThat(Files.readString(file)).contains("another");
        }
    }

    @Test
    void aWorldReadableFileOfAnEarlierRunIsReplacedByAnOwnerOnlyOne() throws Exception {
        Path file = dir.resolve("ssm-parameters.json");
        Files.writeString(file, "[]");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (SsmServer server = SsmServer.start(new SsmServer.Config(0, Map.of(), file)); SsmClient ssm = client(server)) {
            ssm.putParameter(b -> b.name("/app/token").type(ParameterType.SECURE_STRING).value("s3cret"));
        }
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
        try (var names = Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("ssm-parameters.json");
        }
    }

    @Test
    void parametersComeBackAfterARestart() {
        Path file = dir.resolve("ssm-parameters.json");
        try (SsmServer server = SsmServer.start(new SsmServer.Config(0, Map.of(), file)); SsmClient ssm = client(server)) {
            ssm.putParameter(b -> b.name("/app/token").type(ParameterType.SECURE_STRING).value("v1").description("the token"));
            ssm.putParameter(b -> b.name("/app/token").value("v2").overwrite(true));
        }
        try (SsmServer server = SsmServer.start(new SsmServer.Config(0, Map.of(), file))) {
            assertThat(server.store().get("/app/token")).hasValueSatisfying(p -> {
                assertThat(p.value()).isEqualTo("v2");
                assertThat(p.version()).isEqualTo(2);
                assertThat(p.description()).isEqualTo("the token");
            });
            assertThat(server.store().get("/app/token:1")).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo("v1"));
        }
    }

    private static SsmClient client(SsmServer server) {
        return new SdkClients(new Endpoints(null, null, null, null, server.endpoint(), null, "us-east-1", null)).ssm();
    }
}
