package dev.streamproc.examples.wildrydes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.streamproc.lambdakit.Decoding;
import dev.streamproc.lambdakit.StrictUtf8;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads a record's bytes as a unicorn status: UTF-8 JSON (the tutorial's function decoded it as
 * ASCII, which garbles every non-ASCII name), an object with a non-blank {@code Name} and
 * {@code StatusTime} and the five numbers. Anything else is rejected with the reason.
 */
public final class UnicornStatusParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)); // -74.0060 stays -74.0060

    private UnicornStatusParser() {
    }

    public static Decoding<UnicornStatus> parse(byte[] data) {
        Optional<String> text = StrictUtf8.decode(data);
        if (text.isEmpty()) {
            return Decoding.rejected("not UTF-8 text");
        }
        JsonNode json;
        try {
            json = JSON.readTree(text.get());
        } catch (JsonProcessingException e) {
            return Decoding.rejected("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            return Decoding.rejected("not a JSON object");
        }
        String name = text(json, "Name");
        String statusTime = text(json, "StatusTime");
        if (name == null || statusTime == null) {
            return Decoding.rejected("no Name or StatusTime (the table's key)");
        }
        BigDecimal latitude = decimal(json, "Latitude");
        BigDecimal longitude = decimal(json, "Longitude");
        BigDecimal distance = decimal(json, "Distance");
        Long health = integer(json, "HealthPoints");
        Long magic = integer(json, "MagicPoints");
        if (latitude == null || longitude == null || distance == null || health == null || magic == null) {
            return Decoding.rejected("Latitude, Longitude, Distance, HealthPoints and MagicPoints must be numbers");
        }
        return Decoding.value(new UnicornStatus(name, statusTime, latitude, longitude, distance, health, magic));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static BigDecimal decimal(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }

    private static Long integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.canConvertToExactIntegral() ? value.longValue() : null;
    }
}
