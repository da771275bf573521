package dev.streamproc.examples.sensors.simulator;

import dev.streamproc.examples.sensors.SensorReading;
import dev.streamproc.lambdakit.PutRecordsSender;
import dev.streamproc.lambdakit.Writers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Temperature sensors putting readings on the tutorial's {@code temperature-sensor-data} stream.
 * Region, credentials and endpoint come from the standard places ({@code AWS_REGION}, the
 * credentials chain, {@code AWS_ENDPOINT_URL_KINESIS}).
 */
@Command(name = "sensor-simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Puts one reading per sensor every interval on a Kinesis stream (partition key = sensor id).")
public final class SensorSimulator implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sensors", defaultValue = "3", description = "Sensors sensor-1 … sensor-N (default: ${DEFAULT-VALUE}).")
    int sensors;

    @Option(names = "--interval", defaultValue = "1", paramLabel = "SECONDS",
            description = "Seconds between readings, a whole number (current_time is in seconds; default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many readings per sensor (default: run until interrupted).")
    long count;

    @Option(names = "--stream", defaultValue = "temperature-sensor-data", description = "Stream name (default: ${DEFAULT-VALUE}).")
    String stream;

    @Option(names = "--region", description = "AWS region (default: AWS_REGION or the profile's).")
    String region;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the temperatures (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "Print only the final count.")
    boolean quiet;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SensorSimulator()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (sensors < 1 || sensors > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sensors must be between 1 and 10000, was " + sensors);
        }
        if (interval < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be at least 1 second, was " + interval);
        }
        KinesisClientBuilder builder = KinesisClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (region != null) {
            builder.region(Region.of(region));
        }
        try (KinesisClient kinesis = builder.build()) {
            return run(new SensorFleet(sensors, seed), new PutRecordsSender(kinesis, stream, Writers.defaultBackoff()));
        }
    }

    private int run(SensorFleet fleet, PutRecordsSender sender) throws InterruptedException {
        Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        long sent = 0;
        long failed = 0;
        for (long tick = 0; count == 0 || tick < count; tick++) {
            long wait = Duration.between(Instant.now(), next).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>(sensors);
            for (SensorReading reading : fleet.read(next)) {
                entries.add(PutRecordsSender.entry(reading.sensorId(), ReadingJson.of(reading)));
            }
            int refused = sender.send(entries);
            sent += entries.size() - refused;
            failed += refused;
            if (!quiet) {
                System.out.printf("current_time %d: %d reading(s) put on %s, %d refused%n",
                        next.getEpochSecond(), entries.size() - refused, stream, refused);
            }
            next = next.plusSeconds(interval);
        }
        System.out.printf("put %d readings of %d sensor(s) on %s; %d could not be put%n", sent, sensors, stream, failed);
        return failed == 0 ? 0 : 1;
    }
}
