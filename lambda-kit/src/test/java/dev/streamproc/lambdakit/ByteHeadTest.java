package dev.streamproc.lambdakit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteHeadTest {

    @Test
    void printableAsciiStaysReadableEverythingElseIsHex() {
        assertThat(ByteHead.escape("a\\b\n\"é".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\\x5Cb\\x0A\"\\xC3\\xA9");
    }

    @Test
    void showsOnlyTheFirst64Bytes() {
        String escaped = ByteHead.escape("x".repeat(100).getBytes(StandardCharsets.US_ASCII));

        assertThat(escaped).isEqualTo("x".repeat(64) + "...");
    }
}
