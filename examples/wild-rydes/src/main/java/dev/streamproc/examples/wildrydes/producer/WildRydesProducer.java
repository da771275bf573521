package dev.streamproc.examples.wildrydes.producer;

import dev.streamproc.examples.wildrydes.UnicornStatus;
import dev.streamproc.lambdakit.PutRecordsSender;
import dev.streamproc.lambdakit.Writers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * The tutorial's {@code ./producer -name Rocinante}: the sensor on a unicorn that puts its status
 * on the {@code wildrydes} stream once a second. Region, credentials and endpoint come from the
 * standard places ({@code AWS_REGION}, the credentials chain, {@code AWS_ENDPOINT_URL_KINESIS}),
 * so {@code eval "$(./streamproc env)"} points it at the local stream.
 */
@Command(name = "producer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Puts one status per second per unicorn on a Kinesis stream (the Wild Rydes sensor).")
public final class WildRydesProducer implements Callable<Integer> {

    static final List<String> STABLE = List.of("Shadowfax", "Rocinante", "Bucephalus", "Pegasus", "Epona",
            "Silver", "Artax", "Blaze", "Comet", "Stardust");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-name", "--name"}, split = ",", paramLabel = "NAME",
            description = "Unicorn name (repeat or comma-separate for several). Default: Shadowfax.")
    List<String> names = new ArrayList<>();

    @Option(names = {"-unicorns", "--unicorns"}, paramLabel = "N",
            description = "Add unicorns from the stable (Shadowfax, Rocinante, Bucephalus, ...) up to N in all.")
    int unicorns;

    @Option(names = {"-stream", "--stream"}, defaultValue = "wildrydes", description = "Stream name (default: ${DEFAULT-VALUE}).")
    String stream;

    @Option(names = {"-region", "--region"}, description = "AWS region (default: AWS_REGION or the profile's).")
    String region;

    @Option(names = {"-rate", "--rate"}, defaultValue = "1",
            description = "Statuses per second per unicorn, 0.01 to 100 (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = {"-count", "--count"}, defaultValue = "0",
            description = "Stop after this many statuses per unicorn (default: run until interrupted).")
    long count;

    @Option(names = {"-seed", "--seed"}, defaultValue = "1", description = "Seed of the unicorns' paths (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-quiet", "--quiet"}, description = "Print only the final count.")
    boolean quiet;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WildRydesProducer()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!(rate >= 0.01 && rate <= 100)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be between 0.01 and 100, was " + rate);
        }
        List<UnicornPath> paths = new ArrayList<>();
        for (String name : unicornNames()) {
            paths.add(new UnicornPath(name, seed));
        }
        try (KinesisClient kinesis = client()) {
            PutRecordsSender sender = new PutRecordsSender(kinesis, stream, Writers.defaultBackoff());
            return run(paths, sender);
        }
    }

    private int run(List<UnicornPath> paths, PutRecordsSender sender) throws InterruptedException {
        Duration interval = Duration.ofNanos(Math.round(1e9 / rate));
        Instant next = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long sent = 0;
        long failed = 0;
        for (long tick = 0; count == 0 || tick < count; tick++) {
            sleepUntil(next);
            List<PutRecordsRequestEntry> entries = new ArrayList<>(paths.size());
            for (UnicornPath path : paths) {
                UnicornStatus status = path.next(next);
                entries.add(PutRecordsSender.entry(status.name(), StatusJson.of(status)));
            }
            int refused = sender.send(entries);
            sent += entries.size() - refused;
            failed += refused;
            if (!quiet) {
                System.out.printf("%s  %d status(es) put on %s, %d refused%n",
                        UnicornPath.STATUS_TIME.format(next), entries.size() - refused, stream, refused);
            }
            next = next.plus(interval);
        }
        System.out.printf("put %d statuses of %d unicorn(s) on %s; %d could not be put%n", sent, paths.size(), stream, failed);
        return failed == 0 ? 0 : 1;
    }

    Set<String> unicornNames() {
        Set<String> all = new LinkedHashSet<>();
        for (String name : names) {
            if (!name.isBlank()) {
                all.add(name.strip());
            }
        }
        for (int i = 0; all.size() < unicorns; i++) {
            all.add(i < STABLE.size() ? STABLE.get(i) : "Unicorn-" + (i + 1));
        }
        if (all.isEmpty()) {
            all.add(STABLE.get(0));
        }
        return all;
    }

    private KinesisClient client() {
        KinesisClientBuilder builder = KinesisClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (region != null) {
            builder.region(Region.of(region));
        }
        return builder.build();
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
