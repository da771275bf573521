package dev.streamproc.local.cloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streamproc.local.cloud.process.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template.yaml passes cfn-lint (which applies the SAM transform first) with no error and no warning, as
 * deployed by {@code sam deploy} and, after scripts/build-template.sh points CodeUri at the jars, by
 * {@code aws cloudformation package/deploy}. Skipped, saying so, on machines without cfn-lint.
 */
class TemplateLintTest {

    private static final Path ROOT = RepoRoot.find();

    private static Boolean cfnLintInstalled;

    /** Skips the calling test, saying why, when cfn-lint is not on the PATH. */
    private static void assumeCfnLintInstalled() {
        if (cfnLintInstalled == null) {
            try {
                cfnLintInstalled = run(List.of("cfn-lint", "--version"), ROOT).exitCode() == 0;
            } catch (IOException e) {
                cfnLintInstalled = false;
            }
        }
        assumeTrue(cfnLintInstalled, "cfn-lint is not installed (pip install cfn-lint): template.yaml was NOT linted");
    }

    @Test
    void templatePassesCfnLintWithoutErrorsOrWarnings() throws IOException {
        assumeCfnLintInstalled();
        Result lint = run(List.of("cfn-lint", "--format", "parseable", "--", "template.yaml"), ROOT);

        assertThat(lint.output()).as("cfn-lint findings").isEmpty();
        assertThat(lint.exitCode()).as("cfn-lint exit code").isZero();
    }

    @Test
    void templateWithCodeUriRewrittenToTheJarsAlsoPasses(@TempDir Path dir) throws IOException {
        assumeCfnLintInstalled();
        Path built = dir.resolve("template.yaml");

        Result rewrite = run(List.of("bash", ROOT.resolve("scripts/build-template.sh").toString(), built.toString(),
                "--no-jar-check"), ROOT);
        assertThat(rewrite.exitCode()).as(rewrite.output()).isZero();

        String template = Files.readString(built, StandardCharsets.UTF_8);
        for (String module : List.of("producer", "put-records-producer", "consumer", "firehose-transformer")) {
            // <module>-lambda.jar as docs/contracts.md names it, or with the version the shade plugin may add.
            assertThat(template).containsPattern("CodeUri: " + Pattern.quote(ROOT.resolve(module + "/target/" + module).toString())
                    + "(-[^/\\s]+)?-lambda\\.jar\n");
        }
        assertThat(template).doesNotContainPattern("CodeUri: [a-z-]+/\\n");

        Result lint = run(List.of("cfn-lint", "--format", "parseable", "--", built.toString()), ROOT);
        assertThat(lint.output()).as("cfn-lint findings").isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void functionsAreTheContractsWithTheirHandlersAndFolders() {
        Template template = Template.load(ROOT.resolve("template.yaml"));
        Map<String, String> handlers = new TreeMap<>();
        Map<String, Path> folders = new TreeMap<>();
        template.functions().forEach(f -> {
            handlers.put(f.logicalId(), f.handler());
            folders.put(f.logicalId(), f.codeUri());
        });

        // docs/contracts.md section 4
        assertThat(handlers).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "ProducerFunction", "dev.streamproc.producer.ProducerHandler::handleRequest",
                "PutRecordsProducerFunction", "dev.streamproc.producer.PutRecordsProducerHandler::handleRequest",
                "ConsumerFunction", "dev.streamproc.consumer.ConsumerHandler::handleRequest",
                "FirehoseTransformerFunction", "dev.streamproc.transformer.TransformerHandler::handleRequest")));
        assertThat(folders).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "ProducerFunction", ROOT.resolve("producer"),
                "PutRecordsProducerFunction", ROOT.resolve("put-records-producer"),
                "ConsumerFunction", ROOT.resolve("consumer"),
                "FirehoseTransformerFunction", ROOT.resolve("firehose-transformer"))));
        assertThat(template.physicalName("EventDataTable")).isEqualTo(template.stackName() + "-EventData");
        for (String snapStarted : List.of("ConsumerFunction", "FirehoseTransformerFunction")) {
            Map<String, Object> properties = template.resource(snapStarted).properties();
            assertThat(properties).as(snapStarted)
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                    .containsKey("AutoPublishAlias");
        }
    }

    @Test
    void everyFunctionHasItsOwnRoleAndNoRoleGrantsMoreThanTheStacksResources() {
        Template template = Template.load(ROOT.resolve("template.yaml"));
        String credentials = "parameter" + template.parameters().get("TwitterParameterPrefix");

        List<Object> roles = template.functions().stream()
                .map(f -> template.resource(f.logicalId()).properties().get("Role"))
                .toList();
        assertThat(roles).doesNotContainNull().doesNotHaveDuplicates();

        for (Template.Resource role : template.resourcesOfType("AWS::IAM::Role")) {
            assertThat(role.properties()).as(role.logicalId()).doesNotContainKey("ManagedPolicyArns");
            for (Object policy : (List<?>) role.properties().get("Policies")) {
                Map<?, ?> document = (Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument");
                for (Object item : (List<?>) document.get("Statement")) {
                    Map<?, ?> statement = (Map<?, ?>) item;
                    String where = role.logicalId() + " " + statement.get("Sid");
                    assertThat(statement.get("Effect")).as(where).isEqualTo("Allow");
                    assertThat(strings(statement.get("Action"))).as(where)
                            .allSatisfy(action -> assertThat(action).doesNotContain("*"));
                    for (String resource : strings(statement.get("Resource"))) {
                        // The stack's own resources, the credentials path, or KMS keys used through SSM only.
                        boolean own = resource.contains(template.stackName()) || resource.contains(credentials);
                        boolean kmsThroughSsm = resource.endsWith(":key/*")
                                && String.valueOf(statement.get("Condition")).contains("kms:ViaService");
                        assertThat(own || kmsThroughSsm).as(where + " may use " + resource).isTrue();
                    }
                }
            }
        }
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Path dir) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
