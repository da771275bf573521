package dev.streamproc.local.items;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.query.ResultFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What {@code items --format table|csv} prints for a tweet whose text carries terminal control sequences. */
class ItemsOutputTest {

    private static final String HOSTILE = "\u001B]0;retitled\u0007\u001B[2Jcleared\rover\u0000written\nline two";

    private final List<Map<String, AttributeValue>> items = List.of(Map.of(
            "Username", AttributeValue.fromS("mallory\u001B[31m"),
            "Id", AttributeValue.fromS("1"),
            "Message", AttributeValue.fromS(HOSTILE),
            "Hashtags", AttributeValue.fromL(List.of(AttributeValue.fromS("tag\u009B")))));

    @Test
    void theTableShowsControlCharactersAsEscapes() {
        String table = ResultFormat.TABLE.render(ItemsTable.of(items));

        assertThat(table).contains("mallory\\x1B[31m", "[tag\\x9B]",
                "\\x1B]0;retitled\\x07\\x1B[2Jcleared\\x0Dover\\x00"); // the cell is cut at 60
        assertThat(controlCharactersBesidesNewlines(table)).isEmpty();
    }

    @Test
    void csvShowsControlCharactersAsEscapesAndKeepsQuotedNewlines() {
        String csv = ResultFormat.CSV.render(ItemsTable.of(items));

        assertThat(csv).contains("\"\\x1B]0;retitled\\x07\\x1B[2Jcleared\\x0Dover\\x00written\nline two\"");
        assertThat(controlCharactersBesidesNewlines(csv)).isEmpty();
    }

    private static List<Integer> controlCharactersBesidesNewlines(String text) {
        return text.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F)).boxed().toList();
    }
}
