package dev.streamproc.local.cloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parameter values checked as CloudFormation checks them before it creates anything. Source: AWS CloudFormation
 * User Guide, "Parameters template section syntax" (AllowedPattern, AllowedValues, ConstraintDescription,
 * MaxLength, MaxValue, MinLength, MinValue; lengths for String, values for Number, List types member by member).
 */
class ParameterConstraintsTest {

    private static final Map<String, Object> SHARD_COUNT = Map.of("Type", "Number", "Default", 1, "MinValue", 1, "MaxValue", 64);

    @Test
    void numbersMustLieBetweenMinValueAndMaxValue() {
        assertThat(ParameterConstraints.check("ShardCount", SHARD_COUNT, "0")).containsExactly("parameter 'ShardCount' = '0' is below its MinValue 1");
        assertThat(ParameterConstraints.check("StreamRetentionHours", Map.of("Type", "Number", "MinValue", 24, "MaxValue", 8760), "99999999999"))
                .containsExactly("parameter 'StreamRetentionHours' = '99999999999' is above its MaxValue 8760");
        assertThat(ParameterConstraints.check("ShardCount", SHARD_COUNT, "64")).isEmpty();
        assertThat(ParameterConstraints.check("ShardCount", SHARD_COUNT, "1")).isEmpty();
        assertThat(ParameterConstraints.check("Ratio", Map.of("Type", "Number", "MinValue", 0.5), "0.25"))
                .containsExactly("parameter 'Ratio' = '0.25' is below its MinValue 0.5");
        assertThat(ParameterConstraints.check("ShardCount", SHARD_COUNT, "two")).containsExactly("parameter 'ShardCount' = 'two' is not a Number");
    }

    @Test
    void stringsMustMatchTheWholePatternAndFitTheLengths() {
        Map<String, Object> prefix = Map.of("Type", "String", "AllowedPattern", "^/[A-Za-z0-9_.\\-/]*[A-Za-z0-9_.\\-]$");
        assertThat(ParameterConstraints.check("TwitterParameterPrefix", prefix, "/twitter")).isEmpty();
        assertThat(ParameterConstraints.check("TwitterParameterPrefix", prefix, "/twitter/"))
                .containsExactly("parameter 'TwitterParameterPrefix' = '/twitter/' does not match its AllowedPattern ^/[A-Za-z0-9_.\\-/]*[A-Za-z0-9_.\\-]$");
        // no anchors: the pattern must still match the whole value
        assertThat(ParameterConstraints.check("Name", Map.of("AllowedPattern", "[a-z]+"), "abc1")).hasSize(1);

        Map<String, Object> code = Map.of("Type", "String", "MinLength", 2, "MaxLength", 4, "ConstraintDescription", "two to four letters");
        assertThat(ParameterConstraints.check("Code", code, "a")).containsExactly("parameter 'Code' = 'a' is shorter than its MinLength 2 (two to four letters)");
        assertThat(ParameterConstraints.check("Code", code, "abcde")).containsExactly("parameter 'Code' = 'abcde' is longer than its MaxLength 4 (two to four letters)");
        assertThat(ParameterConstraints.check("Code", code, "abc")).isEmpty();
    }

    @Test
    void allowedValuesAndListsAreCheckedMemberByMember() {
        assertThat(ParameterConstraints.check("LogRetentionDays", Map.of("Type", "Number", "AllowedValues", List.of(1, 3, 5, 7, 14)), "14")).isEmpty();
        assertThat(ParameterConstraints.check("LogRetentionDays", Map.of("Type", "Number", "AllowedValues", List.of(1, 3, 5, 7, 14)), "2"))
                .containsExactly("parameter 'LogRetentionDays' = '2' is not one of [1, 3, 5, 7, 14]");
        assertThat(ParameterConstraints.check("Ports", Map.of("Type", "List<Number>", "MaxValue", 65535), "80, 70000"))
                .containsExactly("parameter 'Ports' member '70000' (of '80, 70000') is above its MaxValue 65535");
        assertThat(ParameterConstraints.check("Zones", Map.of("Type", "CommaDelimitedList", "AllowedValues", List.of("a", "b")), "a,b")).isEmpty();
        assertThat(ParameterConstraints.check("Zones", Map.of("Type", "CommaDelimitedList", "AllowedValues", List.of("a", "b")), "a,c"))
                .containsExactly("parameter 'Zones' member 'c' (of 'a,c') is not one of [a, b]");
    }
}
