package dev.streamproc.examples.wildrydes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.lambdakit.Decoding;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnicornStatusParserTest {

    @Test
    void readsTheTutorialsStatusWithTheSentDigits() {
        Decoding<UnicornStatus> parsed = UnicornStatusParser.parse(utf8("""
                {"Name":"Shadowfax","StatusTime":"2017-11-26 19:17:33.143","Latitude":40.7128,"Longitude":-74.0060,
                 "Distance":175,"HealthPoints":150,"MagicPoints":110}"""));

        assertThat(parsed).isEqualTo(Decoding.value(new UnicornStatus("Shadowfax", "2017-11-26 19:17:33.143",
                new BigDecimal("40.7128"), new BigDecimal("-74.0060"), new BigDecimal("175"), 150, 110)));
    }

    @Test
    void keepsNonAsciiNamesIntactWhereTheTutorialsAsciiDecodingGarbledThem() {
        Decoding<UnicornStatus> parsed = UnicornStatusParser.parse(utf8(status("Ünicorn 🦄 유니콘")));

        assertThat(((Decoding.Value<UnicornStatus>) parsed).value().name()).isEqualTo("Ünicorn 🦄 유니콘");
    }

    @Test
    void rejectsWhatIsNotAUnicornStatusWithAReason() {
        assertThat(reason("Shadowfax is fine".getBytes(StandardCharsets.UTF_8))).startsWith("not JSON");
        assertThat(reason(status("café").getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("not UTF-8 text");
        assertThat(reason(utf8("[1,2]"))).isEqualTo("not a JSON object");
        assertThat(reason(utf8("{\"StatusTime\":\"2017-11-26 19:17:33.143\"}"))).contains("no Name or StatusTime");
        assertThat(reason(utf8(status(" ")))).contains("no Name or StatusTime");
        assertThat(reason(utf8(status("X").replace("\"HealthPoints\":150", "\"HealthPoints\":\"150\""))))
                .contains("must be numbers");
        assertThat(reason(utf8(status("X").replace("\"MagicPoints\":110", "\"MagicPoints\":1.5")))).contains("must be numbers");
        assertThat(reason(utf8(status("X") + " {}"))).startsWith("not JSON");
        assertThat(reason(new byte[0])).isNotBlank();
    }

    static String status(String name) {
        return "{\"Name\":\"" + name + "\",\"StatusTime\":\"2017-11-26 19:17:33.143\",\"Latitude\":40.7128,"
                + "\"Longitude\":-74.006,\"Distance\":175,\"HealthPoints\":150,\"MagicPoints\":110}";
    }

    private static String reason(byte[] data) {
        Decoding<UnicornStatus> parsed = UnicornStatusParser.parse(data);
        assertThat(parsed).isInstanceOf(Decoding.Rejected.class);
        return ((Decoding.Rejected<UnicornStatus>) parsed).reason();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
