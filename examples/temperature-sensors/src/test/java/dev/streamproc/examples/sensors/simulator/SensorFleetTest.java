package dev.streamproc.examples.sensors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.examples.sensors.SensorReading;
import dev.streamproc.examples.sensors.SensorReadingParser;
import dev.streamproc.lambdakit.Decoding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensorFleetTest {

    private static final Instant START = Instant.parse("2026-11-29T18:00:00Z");

    @Test
    void everySensorReadsOnceAtTheEpochSecondWithOneDecimal() {
        List<SensorReading> readings = new SensorFleet(3, 1).read(START);

        assertThat(readings).extracting(SensorReading::sensorId).containsExactly("sensor-1", "sensor-2", "sensor-3");
        assertThat(readings).allSatisfy(reading -> {
            assertThat(reading.currentTime()).isEqualTo(BigDecimal.valueOf(START.getEpochSecond()));
            assertThat(reading.temperature().scale()).isEqualTo(1);
        });
    }

    @Test
    void temperaturesDriftGentlyAndStayInRange() {
        SensorFleet fleet = new SensorFleet(1, 7);
        double previous = fleet.read(START).get(0).temperature().doubleValue();
        for (int second = 1; second < 3_600; second++) {
            double now = fleet.read(START.plusSeconds(second)).get(0).temperature().doubleValue();
            assertThat(Math.abs(now - previous)).isLessThanOrEqualTo(SensorFleet.MAX_STEP + 0.1);
            assertThat(now).isBetween(SensorFleet.MIN_CELSIUS, SensorFleet.MAX_CELSIUS);
            previous = now;
        }
    }

    @Test
    void whatTheSimulatorSendsIsWhatTheFunctionReads() {
        SensorReading reading = new SensorFleet(1, 3).read(START).get(0);

        assertThat(SensorReadingParser.parse(ReadingJson.of(reading))).isEqualTo(Decoding.value(reading));
    }
}
