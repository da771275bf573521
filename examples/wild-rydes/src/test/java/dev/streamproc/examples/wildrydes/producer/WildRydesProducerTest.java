package dev.streamproc.examples.wildrydes.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WildRydesProducerTest {

    @Test
    void takesTheTutorialsSingleDashOptions() {
        WildRydesProducer producer = parse("-name", "Rocinante", "-region", "us-west-2");

        assertThat(producer.unicornNames()).containsExactly("Rocinante");
        assertThat(producer.region).isEqualTo("us-west-2");
        assertThat(producer.stream).isEqualTo("wildrydes");
        assertThat(producer.rate).isEqualTo(1.0);
    }

    @Test
    void severalUnicornsByNameOrFromTheStable() {
        assertThat(parse("--name", "Rocinante,Bucephalus", "--name", "Epona").unicornNames())
                .containsExactly("Rocinante", "Bucephalus", "Epona");
        assertThat(parse("--name", "Rocinante", "--unicorns", "3").unicornNames())
                .containsExactly("Rocinante", "Shadowfax", "Bucephalus");
        assertThat(parse().unicornNames()).containsExactly("Shadowfax");
        assertThat(parse("--unicorns", "12").unicornNames()).hasSize(12).contains("Unicorn-12");
    }

    @Test
    void refusesARateOutsideItsRangeBeforeSendingAnything() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new WildRydesProducer()).setErr(new PrintWriter(err)).execute("--rate", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--rate must be between 0.01 and 100");
    }

    private static WildRydesProducer parse(String... args) {
        WildRydesProducer producer = new WildRydesProducer();
        new CommandLine(producer).parseArgs(args);
        return producer;
    }
}
