package dev.streamproc.examples.sensors;

/** The SensorData primary key: {@code SensorId} (S) and {@code CurrentTime} (N, as DynamoDB normalizes it). */
public record SensorKey(String sensorId, String currentTime) {
}
