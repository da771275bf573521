package dev.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamproc.local.LocalPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template's alarms on the real local stack: the runtime evaluates them on its own figures and
 * {@code streamproc status} (another command, reading what the runtime published) shows each state and why. A
 * message on the consumer's on-failure queue takes ConsumerFailureQueueAlarm (queue depth Maximum > 0 over 1×60 s)
 * from OK to ALARM, and status exits 4.
 */
@Timeout(240)
class StatusAlarmsEndToEndTest {

    @TempDir
    Path dataDir;

    record Status(int exit, String output) {

        String line(String alarm) {
            return output.lines().filter(l -> l.strip().startsWith(alarm + " ")).findFirst().orElse("");
        }
    }

    @Test
    void aMessageOnTheFailureQueueTurnsItsAlarmFromOkToAlarm() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        CommandLine cli = Streamproc.commandLine(out, out);
        cli.parseArgs("up", "--free-ports", "--data-dir", dataDir.toString(), "--console-port", "0",
                "--parameter", "ProducerScheduleState=DISABLED");
        UpCommand up = cli.getSubcommands().get("up").getCommand();

        try (LocalPipeline stack = UpCommand.start(up.options(), out)) {
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("CloudWatch alarms evaluated on the local figures");

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> status().line("ConsumerFailureQueueAlarm").contains(" OK "));
            Status before = status();
            assertThat(before.exit()).as(before.output()).isZero();
            assertThat(before.output()).doesNotContain(" ALARM ");

            String queue = stack.cloud().template().physicalName("ConsumerFailureQueue");
            try (SqsClient sqs = stack.cloud().sqsClient()) {
                String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
                sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"requestContext\":{\"condition\":\"RetryAttemptsExhausted\"}}"));
            }

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> status().line("ConsumerFailureQueueAlarm").contains(" ALARM "));
            Status after = status();
            System.out.println(after.output());
            assertThat(after.exit()).as(after.output()).isEqualTo(4);
            assertThat(after.line("ConsumerFailureQueueAlarm"))
                    .contains("ApproximateNumberOfMessagesVisible Maximum 1 over 1×60 s  > threshold 0 (1 of 1 breaching, 1 to alarm)");
            // the others stay as they were: nothing else happened
            assertThat(after.line("ConsumerIteratorAgeAlarm")).contains(" OK ");
            assertThat(after.output().lines().filter(l -> l.contains(" ALARM "))).hasSize(1);
        }
    }

    private Status status() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int exit = Streamproc.run(List.of("status", "--data-dir", dataDir.toString()), out, out);
        return new Status(exit, printed.toString(StandardCharsets.UTF_8));
    }
}
