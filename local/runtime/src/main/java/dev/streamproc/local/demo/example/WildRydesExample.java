package dev.streamproc.local.demo.example;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Wild Rydes (seeds 000, 002): the tutorial's {@code ./producer} puts unicorn statuses on {@code wildrydes};
 * {@code WildRydesStreamProcessor} stores each in {@code UnicornSensorData} (Name, StatusTime).
 */
final class WildRydesExample extends StreamToTableExample {

    @Override
    public String name() {
        return "wild-rydes";
    }

    @Override
    String streamLogicalId() {
        return "WildRydesStream";
    }

    @Override
    String table() {
        return "UnicornSensorData";
    }

    @Override
    String function() {
        return "WildRydesStreamProcessor";
    }

    @Override
    String producerJar() {
        return "wild-rydes-producer.jar";
    }

    /** {@code count} statuses from each of three unicorns, ten a second. */
    @Override
    List<String> producerArgs(int count) {
        return List.of("--unicorns", "3", "--rate", "10", "--count", Integer.toString(count), "--quiet");
    }

    @Override
    Map<String, AttributeValue> item(JsonNode record) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("Name", AttributeValue.fromS(record.required("Name").asText()));
        item.put("StatusTime", AttributeValue.fromS(record.required("StatusTime").asText()));
        for (String number : List.of("Latitude", "Longitude", "Distance", "HealthPoints", "MagicPoints")) {
            item.put(number, number(record.required(number)));
        }
        return item;
    }

    @Override
    String keyOf(Map<String, AttributeValue> item) {
        return item.get("Name").s() + "\u0000" + item.get("StatusTime").s();
    }
}
