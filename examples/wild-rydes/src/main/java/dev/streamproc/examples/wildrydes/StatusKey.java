package dev.streamproc.examples.wildrydes;

/** The UnicornSensorData primary key: partition key {@code Name}, sort key {@code StatusTime}. */
public record StatusKey(String name, String statusTime) {
}
