package dev.streamproc.examples.sensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.streamproc.lambdakit.Decoding;
import dev.streamproc.lambdakit.StrictUtf8;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a record as a sensor reading: a UTF-8 JSON object with a non-blank {@code sensor_id}
 * and numeric {@code current_time} and {@code temperature}.
 *
 * <p>The tutorial puts its record with {@code --data $(echo '{…}' | base64)}: the AWS CLI v2
 * decodes that base64 and stores the JSON, but the AWS CLI v1 stores the base64 text itself. So
 * a record whose text is base64 (line breaks allowed, as {@code base64} wraps at 76 columns) of
 * a JSON object is read as that object: the tutorial's command works with either CLI.
 */
public final class SensorReadingParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private SensorReadingParser() {
    }

    public static Decoding<SensorReading> parse(byte[] data) {
        Optional<String> text = StrictUtf8.decode(data);
        if (text.isEmpty()) {
            return Decoding.rejected("not UTF-8 text");
        }
        JsonNode json = jsonObject(text.get()).or(() -> base64JsonObject(text.get())).orElse(null);
        if (json == null) {
            return Decoding.rejected("not a JSON object (nor base64 of one)");
        }
        JsonNode sensorId = json.get("sensor_id");
        JsonNode currentTime = json.get("current_time");
        JsonNode temperature = json.get("temperature");
        if (sensorId == null || !sensorId.isTextual() || sensorId.asText().isBlank()) {
            return Decoding.rejected("no sensor_id (the table's partition key)");
        }
        if (currentTime == null || !currentTime.isNumber()) {
            return Decoding.rejected("current_time (the table's sort key) must be a number");
        }
        if (temperature == null || !temperature.isNumber()) {
            return Decoding.rejected("temperature must be a number");
        }
        return Decoding.value(new SensorReading(sensorId.asText(), currentTime.decimalValue(), temperature.decimalValue()));
    }

    private static Optional<JsonNode> jsonObject(String text) {
        try {
            JsonNode json = JSON.readTree(text);
            return json != null && json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> base64JsonObject(String text) {
        String compact = text.replaceAll("\\s", "");
        if (compact.isEmpty() || !BASE64_TEXT.matcher(compact).matches()) {
            return Optional.empty();
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(compact);
            return StrictUtf8.decode(decoded).flatMap(SensorReadingParser::jsonObject);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
