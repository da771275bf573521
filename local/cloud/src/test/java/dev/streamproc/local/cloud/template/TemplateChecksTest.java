package dev.streamproc.local.cloud.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Templates CloudFormation would refuse are refused when read, before anything starts, one line per problem naming
 * the parameter, or the resource and property (issue 11, item 6).
 */
class TemplateChecksTest {

    private static final Path FILE = Path.of("template.yaml");

    private static Template parse(String yaml, String... overrides) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String override : overrides) {
            values.put(override.substring(0, override.indexOf('=')), override.substring(override.indexOf('=') + 1));
        }
        return Template.parse(FILE, yaml, Template.Options.defaults().withStackName("stk").withOverrides(values));
    }

    private static final String STREAM = """
            Parameters:
              ShardCount: {Type: Number, Default: 1, MinValue: 1, MaxValue: 64}
              StreamRetentionHours: {Type: Number, Default: 24, MinValue: 24, MaxValue: 8760}
              Prefix: {Type: String, Default: /twitter, AllowedPattern: '^/[a-z/]*[a-z]$', ConstraintDescription: a path without a trailing slash}
            Resources:
              Stream:
                Type: AWS::Kinesis::Stream
                Properties:
                  ShardCount: !Ref ShardCount
                  RetentionPeriodHours: !Ref StreamRetentionHours
            """;

    @Test
    void everyParameterOutsideItsConstraintsIsOneLine() {
        assertThat(parse(STREAM, "ShardCount=64").parameters()).containsEntry("ShardCount", "64");
        assertThatThrownBy(() -> parse(STREAM, "ShardCount=0", "StreamRetentionHours=99999999999", "Prefix=/twitter/"))
                .isInstanceOf(TemplateException.class)
                .hasMessage(String.join("\n",
                        "parameter 'ShardCount' = '0' is below its MinValue 1",
                        "parameter 'StreamRetentionHours' = '99999999999' is above its MaxValue 8760",
                        "parameter 'Prefix' = '/twitter/' does not match its AllowedPattern ^/[a-z/]*[a-z]$ (a path without a trailing slash)"));
    }

    @Test
    void anUnknownShortTagIsRefusedNamingTheResourceAndProperty() {
        assertThatThrownBy(() -> parse(STREAM.replace("ShardCount: !Ref ShardCount", "ShardCount: !Bogus foo")))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("Resources.Stream.Properties.ShardCount: unknown tag !Bogus (line 9)")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anImportIsRefusedNamingTheResourceAndProperty() {
        assertThatThrownBy(() -> parse(STREAM.replace("ShardCount: !Ref ShardCount", "ShardCount: !ImportValue shared-shards")))
                .isInstanceOf(TemplateException.class)
                .hasMessage("Resources.Stream.Properties.ShardCount: Fn::ImportValue 'shared-shards' reads another stack's export, and the"
                        + " local cloud deploys this stack alone: pass the value as a parameter");
        assertThatThrownBy(() -> parse(STREAM.replace("ShardCount: !Ref ShardCount", "ShardCount: {'Fn::ImportValue': !Sub '${AWS::StackName}-n'}")))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("Resources.Stream.Properties.ShardCount: Fn::ImportValue {Fn::Sub=${AWS::StackName}-n} reads");
    }
}
