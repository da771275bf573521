package dev.streamproc.examples.sensors.simulator;

import dev.streamproc.examples.sensors.SensorReading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sensors {@code sensor-1} … {@code sensor-N}, each with a temperature that drifts by at most
 * half a degree per reading inside [{@value #MIN_CELSIUS}, {@value #MAX_CELSIUS}] °C, reported
 * with one decimal as the tutorial's readings are. Deterministic for a given seed.
 */
public final class SensorFleet {

    static final double MIN_CELSIUS = -20;
    static final double MAX_CELSIUS = 120;
    static final double MAX_STEP = 0.5;

    private final SplittableRandom random;
    private final double[] temperatures;

    public SensorFleet(int sensors, long seed) {
        if (sensors < 1) {
            throw new IllegalArgumentException("at least one sensor, was " + sensors);
        }
        this.random = new SplittableRandom(seed);
        this.temperatures = new double[sensors];
        for (int i = 0; i < sensors; i++) {
            temperatures[i] = random.nextDouble(15, 35);
        }
    }

    /** One reading of every sensor at {@code time}; {@code current_time} is its epoch second. */
    public List<SensorReading> read(Instant time) {
        List<SensorReading> readings = new ArrayList<>(temperatures.length);
        BigDecimal second = BigDecimal.valueOf(time.getEpochSecond());
        for (int i = 0; i < temperatures.length; i++) {
            temperatures[i] = Math.max(MIN_CELSIUS, Math.min(MAX_CELSIUS, temperatures[i] + random.nextDouble(-MAX_STEP, MAX_STEP)));
            readings.add(new SensorReading("sensor-" + (i + 1), second,
                    BigDecimal.valueOf(temperatures[i]).setScale(1, RoundingMode.HALF_EVEN)));
        }
        return readings;
    }
}
