package dev.streamproc.local.esm.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The filter grammar. Cases follow the event-pattern scenarios LocalStack validated against AWS
 * ({@code tests/aws/services/events/event_pattern_templates/<name>.json5}, run by {@code test_events_patterns.py};
 * Lambda's event filtering uses the same pattern language) — each row names its template; {@code _NEG} ones must
 * not match, {@code _EXC} ones are rejected — and the Lambda developer guide's filtering pages.
 */
class FilterCriteriaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean matches(String pattern, String document) throws Exception {
        return FilterCriteria.of(List.of(pattern)).matches(JSON.readTree(document));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            string                               | {"source":["test-source"]}                                 | {"source":"test-source"}                   | true
            key_case_sensitive_NEG               | {"Source":["test-source"]}                                 | {"source":"test-source"}                   | false
            arrays                               | {"resources":["b","c"]}                                    | {"resources":["a","b"]}                    | true
            null_value                           | {"detail":{"responseElements":[null]}}                     | {"detail":{"responseElements":null}}       | true
            null_value_NEG                       | {"detail":{"responseElements":[null]}}                     | {"detail":{}}                              | false
            boolean                              | {"detail":{"ok":[true]}}                                   | {"detail":{"ok":true}}                     | true
            content_prefix                       | {"time":[{"prefix":"2022-07-13"}]}                         | {"time":"2022-07-13T13:48:01Z"}            | true
            content_prefix_NEG                   | {"time":[{"prefix":"2022-07-14"}]}                         | {"time":"2022-07-13T13:48:01Z"}            | false
            content_suffix                       | {"f":[{"suffix":".png"}]}                                  | {"f":"image.png"}                          | true
            content_suffix_NEG                   | {"f":[{"suffix":".png"}]}                                  | {"f":"image.jpg"}                          | false
            content_ignorecase                   | {"v":[{"equals-ignore-case":"AbC"}]}                        | {"v":"aBc"}                                | true
            content_numeric_and                  | {"c":[{"numeric":[">",0,"<=",5]}],"x":[{"numeric":["=",3.018e2]}]} | {"c":3,"x":301.8}                  | true
            content_numeric_and_NEG              | {"c":[{"numeric":[">",0,"<=",5]}]}                         | {"c":42}                                   | false
            numeric-int-float                    | {"n":[{"numeric":["=",5]}]}                                | {"n":5.0}                                  | true
            numeric-string_NEG                   | {"number":[{"numeric":[">",100]}]}                         | {"number":"300"}                           | false
            numeric-null_NEG                     | {"number":[{"numeric":[">",100]}]}                         | {"number":null}                            | false
            content_exists                       | {"detail":{"state":[{"exists":true}]}}                     | {"detail":{"state":"pending"}}             | true
            content_exists_NEG                   | {"detail":{"state":[{"exists":true}]}}                     | {"detail":{}}                              | false
            content_exists_false                 | {"a":{"b":{"c":[{"exists":false}]}}}                       | {"a":{"x":"y"}}                            | true
            content_exists_false_NEG             | {"a":[{"exists":false}]}                                   | {"a":"present"}                            | false
            exists_false_filter (ddb streams)    | {"i":{"k":[{"exists":false}]}}                             | {"i":{"k":{"S":"v"}}}                      | true
            exists_list_empty_NEG                | {"a":[{"exists":true}]}                                    | {"a":[]}                                   | false
            content_anything_but_string          | {"state":[{"anything-but":"initializing"}]}                | {"state":"running"}                        | true
            content_anything_but_string_NEG      | {"state":[{"anything-but":"initializing"}]}                | {"state":"initializing"}                   | false
            content_anything_but_string_null     | {"state":[{"anything-but":"initializing"}]}                | {"state":null}                             | true
            content_anything_but_string_missing_NEG | {"state":[{"anything-but":"initializing"}]}             | {}                                         | false
            content_anything_but_string_list     | {"state":[{"anything-but":["stopped","overloaded"]}]}      | {"state":"running"}                        | true
            content_anything_but_string_list_NEG | {"state":[{"anything-but":["stopped","overloaded"]}]}      | {"state":"stopped"}                        | false
            content_anything_but_number          | {"n":[{"anything-but":5}]}                                 | {"n":6}                                    | true
            content_anything_but_number_NEG      | {"n":[{"anything-but":5}]}                                 | {"n":5}                                    | false
            content_anything_prefix              | {"state":[{"anything-but":{"prefix":"init"}}]}             | {"state":"post-init"}                      | true
            content_anything_prefix_NEG          | {"state":[{"anything-but":{"prefix":"init"}}]}             | {"state":"initializing"}                   | false
            content_anything_suffix_NEG          | {"f":[{"anything-but":{"suffix":".png"}}]}                 | {"f":"a.png"}                              | false
            operator_multiple_list               | {"k":[{"exists":true},{"prefix":"IGNORED"}]}               | {"k":"my-value"}                           | true
            or-exists                            | {"d":{"h":{"S":[{"anything-but":["roses"]},{"exists":false}]}}} | {"d":{"h":{"N":"789"}}}               | true
            or-anything-but                      | {"$or":[{"a":["x"]},{"b":[{"anything-but":"y"}]}]}         | {"a":"q","b":"z"}                          | true
            complex_or_NEG                       | {"$or":[{"a":["x"]},{"b":["y"]}]}                          | {"a":"q","b":"z"}                          | false
            nested_json_NEG                      | {"detail":{"state":["on"]}}                                | {"detail":"{\\"state\\":\\"on\\"}"}      | false
            """)
    void matchesAsAwsDoes(String template, String pattern, String document, boolean expected) throws Exception {
        assertThat(matches(pattern, document)).as(template).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"time\":[{\"prefix\":123}]}",                   // content_prefix_int_EXC
            "{\"time\":[{\"suffix\":123}]}",                   // content_suffix_int_EXC
            "{\"n\":[{\"numeric\":[\">\",\"a\"]}]}",           // content_numeric_syntax_EXC
            "{\"n\":[{\"numeric\":[\"<\",5,\">\",1]}]}",       // content_numeric_EXC (range the wrong way round)
            "{\"n\":[{\"NUMERIC\":[\">\",1]}]}",               // content_numeric_operatorcasing_EXC
            "{\"n\":[{\"Prefix\":\"a\"}]}",                    // operator_case_sensitive_EXC
            "{\"n\":5}",                                       // int_nolist_EXC
            "{\"n\":\"a\"}",                                   // string_nolist_EXC
            "{\"n\":[{\"anything-but\":{\"numeric\":[\">\",1]}}]}",
            "{\"n\":[{\"exists\":\"yes\"}]}",
            "{\"n\":[{\"between\":[1,2]}]}",
            "single-string",                                   // dynamodbstreams test_dynamodb_invalid_event_filter[single-string]
            "[{\"eventName\": [\"INSERT\"=123}]",              // test_dynamodb_invalid_event_filter[[{"eventName": ["INSERT"=123}]]
    })
    void rejectsWhatAwsRejects(String pattern) {
        assertThatThrownBy(() -> FilterCriteria.of(List.of(pattern))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownOperatorIsNamed() {
        assertThatThrownBy(() -> FilterCriteria.of(List.of("{\"data\":{\"x\":[{\"between\":[1,2]}]}}")))
                .hasMessage("unknown filter operator 'between'");
    }

    // Lambda developer guide, "Control which events Lambda sends to your function": filters are ORed.
    @Test
    void aRecordPassesWhenAnyFilterMatches() throws Exception {
        FilterCriteria criteria = FilterCriteria.of(List.of("{\"data\":{\"t\":[\"a\"]}}", "{\"data\":{\"t\":[\"b\"]}}"));

        assertThat(criteria.matches(JSON.readTree("{\"data\":{\"t\":\"b\"}}"))).isTrue();
        assertThat(criteria.matches(JSON.readTree("{\"data\":{\"t\":\"c\"}}"))).isFalse();
        assertThat(FilterCriteria.NONE.matches(JSON.readTree("{}"))).isTrue();
    }

    @Test
    void readsTheTemplatesFilterCriteriaProperty() throws Exception {
        FilterCriteria criteria = FilterCriteria.fromProperty(java.util.Map.of("Filters",
                List.of(java.util.Map.of("Pattern", "{\"data\":{\"lang\":[\"en\"]}}"))));

        assertThat(criteria.matches(JSON.readTree("{\"data\":{\"lang\":\"en\"}}"))).isTrue();
        assertThat(criteria.matches(JSON.readTree("{\"data\":{\"lang\":\"fr\"}}"))).isFalse();
        assertThat(FilterCriteria.fromProperty(null).isEmpty()).isTrue();
    }

    @Test
    void aNumberBeyondDoubleRangeMatchesNoNumericRuleAndBreaksNothing() throws Exception {
        // found by FilterPatternFuzzTest: 1e999 is read as an infinite double, whose decimalValue() threw
        assertThat(matches("{\"n\":[{\"numeric\":[\">\",0]}]}", "{\"n\":1e999}")).as("in a record").isFalse();
        assertThat(matches("{\"n\":[5]}", "{\"n\":1e999}")).isFalse();
        assertThat(matches("{\"n\":[1e999]}", "{\"n\":1e999}")).as("as a literal of the pattern").isFalse();
        assertThat(matches("{\"n\":[1e999, 5]}", "{\"n\":5}")).isTrue();
        assertThatThrownBy(() -> FilterCriteria.of(List.of("{\"n\":[{\"numeric\":[\"<\",1e999]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    }
}
