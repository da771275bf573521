package dev.streamproc.examples.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTextTest {

    @Test
    void textStaysTextWithItsUnicode() {
        assertThat(PayloadText.of("Hello, this is a test. 🦄 점수".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Hello, this is a test. 🦄 점수");
    }

    @Test
    void controlAndFormatCharactersAreEscapedSoAPayloadCannotForgeLogLinesOrDriveATerminal() {
        assertThat(PayloadText.of("a\nINFO fake\u001b[2J\u202Eb\\".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("a\\u000AINFO fake\\u001B[2J\\u202Eb\\u005C");
    }

    @Test
    void bytesThatAreNotUtf8AreShownEscaped() {
        assertThat(PayloadText.of(new byte[] {'o', 'k', (byte) 0xff})).isEqualTo("(not UTF-8) ok\\xFF");
    }
}
