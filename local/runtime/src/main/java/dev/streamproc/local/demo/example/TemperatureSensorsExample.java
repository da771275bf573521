package dev.streamproc.local.demo.example;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Temperature sensors (seed 001): the sensor simulator puts readings on {@code temperature-sensor-data};
 * {@code ProcessKinesisRecords} stores each in {@code SensorData} (SensorId, CurrentTime, Temperature).
 */
final class TemperatureSensorsExample extends StreamToTableExample {

    @Override
    public String name() {
        return "temperature-sensors";
    }

    @Override
    String streamLogicalId() {
        return "TemperatureSensorStream";
    }

    @Override
    String table() {
        return "SensorData";
    }

    @Override
    String function() {
        return "ProcessKinesisRecords";
    }

    @Override
    String producerJar() {
        return "sensor-simulator.jar";
    }

    /** Five sensors, one reading a second each, {@code count} readings per sensor. */
    @Override
    List<String> producerArgs(int count) {
        return List.of("--sensors", "5", "--interval", "1", "--count", Integer.toString(count), "--quiet");
    }

    @Override
    Map<String, AttributeValue> item(JsonNode record) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("SensorId", AttributeValue.fromS(record.required("sensor_id").asText()));
        item.put("CurrentTime", number(record.required("current_time")));
        item.put("Temperature", number(record.required("temperature")));
        return item;
    }

    @Override
    String keyOf(Map<String, AttributeValue> item) {
        return item.get("SensorId").s() + "\u0000" + new java.math.BigDecimal(item.get("CurrentTime").n()).stripTrailingZeros().toPlainString();
    }
}
