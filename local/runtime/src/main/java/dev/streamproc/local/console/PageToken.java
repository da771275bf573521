package dev.streamproc.local.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's LastEvaluatedKey as an opaque, URL-safe page token (base64url of its DynamoDB JSON), so a page of a
 * scan or query can be bookmarked and the next one fetched with ExclusiveStartKey.
 */
public final class PageToken {

    private PageToken() {
    }

    /** The token of a LastEvaluatedKey, or null when there is no next page. */
    public static String of(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        try {
            byte[] json = ConsoleServer.JSON.writeValueAsBytes(ItemJson.typed(lastEvaluatedKey));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ExclusiveStartKey of a token, or null for the first page. */
    public static Map<String, AttributeValue> key(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return ItemJson.fromTyped(ConsoleServer.JSON.readTree(json));
        } catch (IllegalArgumentException | IOException | ApiException e) {
            throw new ApiException(400, "not a page token of this console: " + e.getMessage());
        }
    }
}
