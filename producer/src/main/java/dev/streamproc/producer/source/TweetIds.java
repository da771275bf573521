package dev.streamproc.producer.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Finds the id that becomes a record's partition key, in every shape the stream carries. */
public final class TweetIds {

    private TweetIds() {
    }

    /**
     * v1.1 status: {@code id_str} (else {@code id}); v2 bare tweet: {@code id}; v2 single-tweet
     * response: {@code data.id}; delete notice: {@code delete.status.id_str}.
     */
    public static Optional<String> of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        if (node.has("delete")) {
            return text(node.path("delete").path("status"));
        }
        if (node.path("data").isObject()) {
            return text(node.get("data"));
        }
        return text(node);
    }

    private static Optional<String> text(JsonNode node) {
        JsonNode idStr = node.get("id_str");
        if (idStr != null && idStr.isTextual() && !idStr.asText().isBlank()) {
            return Optional.of(idStr.asText());
        }
        JsonNode id = node.get("id");
        if (id != null && (id.isIntegralNumber() || (id.isTextual() && !id.asText().isBlank()))) {
            return Optional.of(id.asText());
        }
        return Optional.empty();
    }
}
