package dev.streamproc.local.demo.example;

import java.util.List;
import java.util.Map;

/**
 * One of the seeds' example apps under {@code examples/}: how its tutorial feeds it, and what its tables must hold
 * afterwards. {@link ExampleDemo} runs it on a local stack of its own template.
 */
public interface ExampleApp {

    /** The folder under {@code examples/}. */
    String name();

    /** Feeds the stack as the tutorial does (its producer CLI, or its put-item commands); says what it produced. */
    Produced produce(ExampleStack stack, int count) throws Exception;

    /** The tables as they must be once every produced record has been processed; empty until they can be known. */
    List<TableCheck> check(ExampleStack stack, Produced produced);

    /** A step once the tables are exact (game-scores redelivers every batch); its lines, and whether it held. */
    default Step afterExact(ExampleStack stack, Produced produced) throws Exception {
        return new Step(List.of(), true);
    }

    /** What was produced: lines for the report, and the facts the checks need. */
    record Produced(List<String> lines, Map<String, Object> facts) {
    }

    record Step(List<String> lines, boolean held) {
    }

    /** The examples this runtime knows, by folder name. */
    static List<ExampleApp> all() {
        return List.of(new WildRydesExample(), new TemperatureSensorsExample(), new GameScoresExample());
    }

    static ExampleApp named(String name) {
        return all().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no example '" + name + "'; known: " + String.join(", ", all().stream().map(ExampleApp::name).toList())));
    }
}
