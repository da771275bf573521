package dev.streamproc.examples.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.lambdakit.Decoding;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SensorReadingParserTest {

    /** The seed's record, as its {@code echo '{…}'} writes it (newlines and indentation included). */
    static final String SEED_RECORD = "{\n    \"sensor_id\":\"sensor-2\",\n    \"temperature\":88.8,\"current_time\":987654321\n  }\n";

    static final SensorReading SEED_READING =
            new SensorReading("sensor-2", new BigDecimal("987654321"), new BigDecimal("88.8"));

    @Test
    void readsTheSeedsRecordAsTheAwsCliV2StoresIt() {
        assertThat(parse(SEED_RECORD.getBytes(StandardCharsets.UTF_8))).isEqualTo(Decoding.value(SEED_READING));
    }

    @Test
    void readsTheSeedsRecordAsTheAwsCliV1StoresIt() {
        // base64 -w0 (one line) and GNU base64's default (wrapped at 76 columns, passed quoted)
        String oneLine = Base64.getEncoder().encodeToString(SEED_RECORD.getBytes(StandardCharsets.UTF_8));
        String wrapped = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(SEED_RECORD.getBytes(StandardCharsets.UTF_8)) + "\n";

        assertThat(parse(oneLine.getBytes(StandardCharsets.US_ASCII))).isEqualTo(Decoding.value(SEED_READING));
        assertThat(wrapped).contains("\n");
        assertThat(parse(wrapped.getBytes(StandardCharsets.US_ASCII))).isEqualTo(Decoding.value(SEED_READING));
    }

    @Test
    void keepsTheSentDigitsOfTheTemperature() {
        Decoding<SensorReading> parsed = parse(utf8("{\"sensor_id\":\"s\",\"temperature\":20.10,\"current_time\":1}"));

        assertThat(((Decoding.Value<SensorReading>) parsed).value().temperature().toPlainString()).isEqualTo("20.10");
    }

    @Test
    void rejectsWhatIsNotAReadingWithAReason() {
        assertThat(reason(utf8("hello"))).contains("not a JSON object");
        assertThat(reason(utf8("aGVsbG8="))).as("base64 of something that is not JSON").contains("not a JSON object");
        assertThat(reason(new byte[] {(byte) 0xff, (byte) 0xfe})).isEqualTo("not UTF-8 text");
        assertThat(reason(utf8("{\"temperature\":1,\"current_time\":2}"))).contains("sensor_id");
        assertThat(reason(utf8("{\"sensor_id\":\"s\",\"temperature\":1,\"current_time\":\"now\"}"))).contains("current_time");
        assertThat(reason(utf8("{\"sensor_id\":\"s\",\"temperature\":\"hot\",\"current_time\":2}"))).contains("temperature");
        assertThat(reason(new byte[0])).isNotBlank();
    }

    private static Decoding<SensorReading> parse(byte[] data) {
        return SensorReadingParser.parse(data);
    }

    private static String reason(byte[] data) {
        Decoding<SensorReading> parsed = parse(data);
        assertThat(parsed).isInstanceOf(Decoding.Rejected.class);
        return ((Decoding.Rejected<SensorReading>) parsed).reason();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
