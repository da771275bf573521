package dev.streamproc.examples.sensors.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SensorSimulatorTest {

    @Test
    void defaultsToTheTutorialsStreamAndThreeSensorsEverySecond() {
        SensorSimulator simulator = new SensorSimulator();
        new CommandLine(simulator).parseArgs();

        assertThat(simulator.stream).isEqualTo("temperature-sensor-data");
        assertThat(simulator.sensors).isEqualTo(3);
        assertThat(simulator.interval).isEqualTo(1);
        assertThat(simulator.count).isZero();
    }

    @Test
    void refusesBadOptionsBeforeSendingAnything() {
        assertThat(run("--sensors", "0")).contains("--sensors must be between 1 and 10000");
        assertThat(run("--interval", "0")).contains("--interval must be at least 1 second");
    }

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new SensorSimulator()).setErr(new PrintWriter(err)).execute(args);
        assertThat(exit).isEqualTo(2);
        return err.toString();
    }
}
