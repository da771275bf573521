package dev.streamproc.examples.sensors;

import java.math.BigDecimal;

/**
 * One temperature reading as the tutorial's sensors send it ({@code sensor_id},
 * {@code current_time}, {@code temperature}). Numbers stay {@link BigDecimal}: 88.8 is stored
 * as 88.8, not as the nearest double.
 */
public record SensorReading(String sensorId, BigDecimal currentTime, BigDecimal temperature) {
}
