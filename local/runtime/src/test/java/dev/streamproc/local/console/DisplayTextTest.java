package dev.streamproc.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DisplayTextTest {

    @Test
    void utf8TextStaysTextWithControlCharactersMadeVisible() {
        DisplayText shown = DisplayText.of("a\u001b[31mred\u0000\n#地震 <b>".getBytes(StandardCharsets.UTF_8));

        assertThat(shown.text()).isEqualTo("a\\u001b[31mred\\u0000\\u000a#地震 <b>");
        assertThat(shown.base64()).isNull();
    }

    @Test
    void directionOverridesAreShownNotApplied() {
        assertThat(DisplayText.escapeControls("abc\u202Eexe.txt")).isEqualTo("abc\\u202eexe.txt");
    }

    @Test
    void bytesThatAreNotUtf8AreShownAsBase64() {
        DisplayText shown = DisplayText.of(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});

        assertThat(shown.text()).isNull();
        assertThat(shown.base64()).isEqualTo("//5B");
        assertThat(shown.bytes()).isEqualTo(3);
    }

    @Test
    void plainTextIsReturnedAsIs() {
        String text = "Just a tweet about #Java";
        assertThat(DisplayText.escapeControls(text)).isSameAs(text);
    }
}
