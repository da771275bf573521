package dev.streamproc.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VisibleTextTest {

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertThat(VisibleText.escape("a\u001B]0;pwned\u0007b\u0000c\rd\ne\tf\u007Fg\u009Bh", false))
                .isEqualTo("a\\x1B]0;pwned\\x07b\\x00c\\x0Dd\\x0Ae\\x09f\\x7Fg\\x9Bh");
    }

    @Test
    void bidiOverridesAndLineSeparatorsAreEscapedToo() {
        assertThat(VisibleText.escape("x\u202Eevil\u2028y", false)).isEqualTo("x\\u202Eevil\\u2028y");
    }

    @Test
    void ordinaryTextIsUntouchedWhateverItsScript() {
        String text = "あけまして 🚀 Café \"quoted\" back\\slash";
        assertThat(VisibleText.escape(text, false)).isSameAs(text);
    }

    @Test
    void forLogsBackslashesAreEscapedSoEscapesCannotBeForged() {
        assertThat(VisibleText.escape("\\x1B is not ESC", true)).isEqualTo("\\\\x1B is not ESC");
    }

    @Test
    void headCutsAtTheByteLimitAndMarksTheCut() {
        byte[] data = "\u001B[2J clear screen and more".getBytes(StandardCharsets.UTF_8);
        assertThat(VisibleText.head(data, 8)).isEqualTo("\\x1B[2J cle...");
        assertThat(VisibleText.head(new byte[] {0, (byte) 0xFF, 'a'}, 80)).isEqualTo("\\x00\uFFFDa");
    }
}
