package dev.streamproc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * PutRecordsProducerFunction deploys a jar of its own: the producer's code without the KPL and its native daemon
 * (issue 13: "PutRecords: no native binary, smaller jar"). Its handler and the CLI the demo runs from it
 * (DemoPutRecordsEndToEndTest) link without any KPL class.
 */
class PutRecordsProducerJarTest {

    private final Template template = Template.load(RepoRoot.find().resolve("template.yaml"));

    private Path jarOf(String function) {
        return FunctionSpec.deploymentJar(function, template.function(function).codeUri());
    }

    @Test
    void itsJarHoldsNoKplAndIsAFractionOfTheKplProducers() throws IOException {
        Path putRecords = jarOf("PutRecordsProducerFunction");
        Path kpl = jarOf("ProducerFunction");

        assertThat(putRecords.getFileName()).hasToString("put-records-producer-lambda.jar");
        try (JarFile jar = new JarFile(putRecords.toFile())) {
            assertThat(jar.getEntry("dev/streamproc/producer/PutRecordsProducerHandler.class")).isNotNull();
            assertThat(jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("software/amazon/kinesis/producer/") || n.startsWith("amazon-kinesis-producer-native-binaries/")))
                    .isEmpty();
        }
        long small = Files.size(putRecords);
        long big = Files.size(kpl);
        System.out.printf("deployment jars: ProducerFunction %,d bytes, PutRecordsProducerFunction %,d bytes%n", big, small);
        assertThat(small).isLessThan(big / 2);
    }

    @Test
    void theHandlerAndTheCliLinkWithoutTheKpl() throws Exception {
        Path putRecords = jarOf("PutRecordsProducerFunction");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {putRecords.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : List.of("dev.streamproc.producer.PutRecordsProducerHandler", "dev.streamproc.producer.cli.ProducerCli",
                    "dev.streamproc.producer.cli.StreamWriter")) {
                // loading, verifying and initializing the class, then resolving every method's signature: a KPL type
                // it needs would fail with NoClassDefFoundError
                Class<?> type = Class.forName(name, true, loader);
                assertThat(type.getDeclaredMethods()).as(name).isNotEmpty();
            }
        }
    }
}
