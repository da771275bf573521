package dev.streamproc.local.cloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the template reader (Jazzer): YAML with CloudFormation's short tags ({@link CfnYaml}),
 * then the sections, parameters, conditions and intrinsics ({@link Template}). Any text is a template whose
 * resources resolve, or a {@link TemplateException} with a message — never another exception (a stack trace on
 * {@code up}), a stack overflow or a hang.
 */
class TemplateFuzzTest {

    private static final Path FILE = Path.of("fuzz", "template.yaml");

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] yaml) {
        String text = new String(yaml, StandardCharsets.UTF_8);
        Template template;
        try {
            template = Template.parse(FILE, text, Template.Options.defaults().withStackName("fuzz"));
        } catch (TemplateException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        try {
            for (Template.Resource resource : template.resources()) {
                assertThat(resource.logicalId()).isNotNull();
                assertThat(template.physicalName(resource.logicalId())).isNotBlank();
                assertThat(template.arn(resource.logicalId())).isNotBlank();
            }
            template.notEmulated();
            template.parameters();
            template.functions();
        } catch (TemplateException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }
}
