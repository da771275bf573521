package dev.streamproc.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The two JSON forms of DynamoDB's console "JSON view": plain and DynamoDB JSON. */
class ItemJsonTest {

    final Map<String, AttributeValue> item = Map.of(
            "Username", AttributeValue.fromS("<img src=x onerror=alert(1)>"),
            "Followers", AttributeValue.fromN("1234567890123456789"),
            "Retweet", AttributeValue.fromBool(false),
            "Hashtags", AttributeValue.fromSs(List.of("java", "aws")),
            "Raw", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
            "Nested", AttributeValue.fromM(Map.of("n", AttributeValue.fromN("1.5"), "l", AttributeValue.fromL(List.of(AttributeValue.fromNul(true))))));

    @Test
    void dynamoDbJsonRoundTripsEveryType() {
        assertThat(ItemJson.fromTyped(ItemJson.typed(item))).isEqualTo(item);
    }

    @Test
    void plainJsonShowsValuesAsJson() throws Exception {
        var plain = ItemJson.plain(item);

        assertThat(plain.get("Username").asText()).isEqualTo("<img src=x onerror=alert(1)>");
        assertThat(plain.get("Followers").decimalValue().toPlainString()).isEqualTo("1234567890123456789");
        assertThat(plain.get("Hashtags").toString()).isEqualTo("[\"java\",\"aws\"]");
        assertThat(plain.get("Raw").asText()).isEqualTo("AQID");
        assertThat(plain.get("Nested").get("l").get(0).isNull()).isTrue();
    }

    @Test
    void plainJsonIsReadAsStringsNumbersMapsAndLists() throws Exception {
        var read = ItemJson.fromPlain(ConsoleServer.JSON.readTree("{\"Username\":\"u\",\"Score\":42,\"Tags\":[\"a\"],\"M\":{\"ok\":true}}"));

        assertThat(read).containsEntry("Username", AttributeValue.fromS("u")).containsEntry("Score", AttributeValue.fromN("42"))
                .containsEntry("Tags", AttributeValue.fromL(List.of(AttributeValue.fromS("a"))))
                .containsEntry("M", AttributeValue.fromM(Map.of("ok", AttributeValue.fromBool(true))));
    }

    @Test
    void malformedDynamoDbJsonIsAClearBadRequest() throws Exception {
        assertThatThrownBy(() -> ItemJson.fromTyped(ConsoleServer.JSON.readTree("{\"Score\":{\"N\":\"forty\"}}")))
                .isInstanceOf(ApiException.class).hasMessageContaining("'forty' is not a number");
        assertThatThrownBy(() -> ItemJson.fromTyped(ConsoleServer.JSON.readTree("{\"Score\":42}")))
                .isInstanceOf(ApiException.class).hasMessageContaining("one type key");
    }

    @Test
    void aPageTokenIsTheLastEvaluatedKeyAndRejectsForgeries() {
        Map<String, AttributeValue> key = Map.of("Username", AttributeValue.fromS("a/b+c"), "Id", AttributeValue.fromS("1"));
        String token = PageToken.of(key);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(PageToken.key(token)).isEqualTo(key);
        assertThat(PageToken.of(Map.of())).isNull();
        assertThatThrownBy(() -> PageToken.key("not*base64")).isInstanceOf(ApiException.class);
    }
}
