package dev.streamproc.producer.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

class KinesisEndpointTest {

    @Test
    void noOverrideMeansKplDefaults() {
        assertThat(KinesisEndpoint.fromEnvironment(Map.of())).isEmpty();
        KinesisProducerConfiguration config = KplSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "KPL_TEMP_DIRECTORY", System.getProperty("java.io.tmpdir") + "/kpl-test"));
        assertThat(config.getKinesisEndpoint()).isEmpty();
        assertThat(config.getKinesisPort()).isEqualTo(443);
        assertThat(config.isVerifyCertificate()).isTrue();
        assertThat(config.getRegion()).isEqualTo("eu-west-1");
        assertThat(config.isAggregationEnabled()).isTrue();
        assertThat(config.getMetricsLevel()).isEqualTo("none");
        assertThat(config.getNativeExecutable()).as("the KPL extracts its own binary").isEmpty();
    }

    @Test
    void kplNativeExecutableNamesABinaryToRunInsteadOfExtractingOne() {
        KinesisProducerConfiguration config = KplSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "KPL_TEMP_DIRECTORY", System.getProperty("java.io.tmpdir") + "/kpl-test", "KPL_NATIVE_EXECUTABLE", "/opt/kpl/kinesis_producer"));
        assertThat(config.getNativeExecutable()).isEqualTo("/opt/kpl/kinesis_producer");
    }

    @Test
    void aLoopbackHttpsOverrideSkipsCertificateChecks() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_KINESIS", "https://127.0.0.1:4567",
                "AWS_ENDPOINT_URL", "https://ignored.example:1");
        assertThat(KinesisEndpoint.fromEnvironment(env)).contains(new KinesisEndpoint("127.0.0.1", 4567, false));
        assertThat(KinesisEndpoint.parse("https://localhost:9443/")).isEqualTo(new KinesisEndpoint("localhost", 9443, false));
        assertThat(KinesisEndpoint.parse("https://[::1]:9443")).isEqualTo(new KinesisEndpoint("::1", 9443, false));
    }

    @Test
    void anyOtherHostIsVerifiedAndTheGeneralOverrideIsUsedWhenTheServiceOneIsAbsent() {
        assertThat(KinesisEndpoint.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "https://kinesis.internal.example")))
                .contains(new KinesisEndpoint("kinesis.internal.example", 443, true));
        assertThat(KinesisEndpoint.parse("https://10.0.0.5:8443").verifyCertificate()).isTrue();
    }

    @Test
    void plainHttpIsRefusedWithTheReason() {
        assertThatThrownBy(() -> KinesisEndpoint.parse("http://127.0.0.1:4568"))
                .hasMessageContaining("must be https").hasMessageContaining("cannot talk plain HTTP");
    }
}
