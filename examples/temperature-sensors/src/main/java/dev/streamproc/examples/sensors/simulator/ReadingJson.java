package dev.streamproc.examples.sensors.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.examples.sensors.SensorReading;
import java.nio.charset.StandardCharsets;

/** A reading as the tutorial's sensors put it on the stream: {@code {"sensor_id":…,"temperature":…,"current_time":…}}. */
public final class ReadingJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadingJson() {
    }

    public static byte[] of(SensorReading reading) {
        ObjectNode json = JSON.createObjectNode();
        json.put("sensor_id", reading.sensorId());
        json.put("temperature", reading.temperature());
        json.put("current_time", reading.currentTime());
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
