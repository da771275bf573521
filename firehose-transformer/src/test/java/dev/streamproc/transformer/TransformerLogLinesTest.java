package dev.streamproc.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.lambdakit.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.junit.jupiter.api.Test;

/** The handler's log lines, written by the function's own JSON layout, stay one valid JSON object each. */
class TransformerLogLinesTest {

    private static final String FUNCTION = "streamproc-FirehoseTransformerFunction";

    @Test
    void aFailedRecordsPreviewEscapesControlCharactersAndKeepsTheLogLineValidJson() throws Exception {
        byte[] hostile = "\u001B]0;owned\u0007\u001B[2J\u0000{\"id_str\":\"1\" \r\n\"\\ oops".getBytes(StandardCharsets.UTF_8);
        KinesisFirehoseEvent event = new KinesisFirehoseEvent();
        KinesisFirehoseEvent.Record record = new KinesisFirehoseEvent.Record();
        record.setRecordId("r-1");
        record.setData(ByteBuffer.wrap(hostile));
        event.setRecords(List.of(record));
        event.setInvocationId("inv-1");

        List<String> lines = captureLogLines(() -> new TransformerHandler().handleRequest(event, new TestContext(FUNCTION, 60_000)));

        ObjectMapper strict = new ObjectMapper(); // rejects unescaped control characters in strings
        List<JsonNode> entries = new ArrayList<>();
        for (String line : lines) {
            entries.add(strict.readTree(line));
        }
        JsonNode failed = entries.stream().filter(e -> e.has("firstBytes")).findFirst().orElseThrow();
        String preview = failed.get("firstBytes").asText();
        assertThat(preview).startsWith("\\x1B]0;owned\\x07\\x1B[2J\\x00{\"id_str\"");
        assertThat(preview.chars().filter(c -> c < 0x20 || c == 0x7F)).isEmpty();
        assertThat(String.join("\n", lines).chars().filter(c -> c < 0x20 && c != '\n' && c != '\r')).isEmpty();
    }

    private static List<String> captureLogLines(Runnable action) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender appender = OutputStreamAppender.newBuilder()
                .setName("capture")
                .setLayout(config.getAppender("JsonAppender").getLayout())
                .setTarget(out)
                .build();
        appender.start();
        LoggerConfig logger = config.getLoggerConfig("dev.streamproc");
        logger.addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        try {
            action.run();
        } finally {
            logger.removeAppender("capture");
            context.updateLoggers();
            appender.stop();
        }
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
}
