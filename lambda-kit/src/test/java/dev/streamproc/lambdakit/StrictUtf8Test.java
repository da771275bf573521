package dev.streamproc.lambdakit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {

    @Test
    void decodesWellFormedUtf8IncludingSupplementaryCharacters() {
        String text = "Ünicorn 🦄 ユニコーン";
        assertThat(StrictUtf8.decode(text.getBytes(StandardCharsets.UTF_8))).hasValue(text);
    }

    @Test
    void refusesLatin1AndTruncatedSequencesInsteadOfReplacingThem() {
        assertThat(StrictUtf8.decode("café".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(StrictUtf8.decode(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).isEmpty();
    }
}
