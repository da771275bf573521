package dev.streamproc.local.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFormatTest {

    final QueryResult result = new QueryResult(List.of("tag", "n", "tags"), List.of("VARCHAR", "BIGINT", "VARCHAR[]"),
            List.of(List.of("花火", 12L, List.of("a", "b")), Arrays.asList("say \"hi\", ok", 3L, null)));

    @Test
    void tableAlignsColumnsAndCountsRows() {
        assertThat(ResultFormat.TABLE.render(result)).isEqualTo("""
                tag          | n  | tags \s
                -------------+----+-------
                花火           | 12 | [a, b]
                say "hi", ok |  3 | NULL \s
                (2 rows)
                """);
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndLeavesNullEmpty() {
        assertThat(ResultFormat.CSV.render(result)).isEqualTo("""
                tag,n,tags
                花火,12,"[a, b]"
                "say ""hi"", ok",3,
                """);
    }

    @Test
    void jsonKeepsTypes() {
        assertThat(ResultFormat.JSON.render(result).replaceAll("\\s+", "")).isEqualTo(
                "[{\"tag\":\"花火\",\"n\":12,\"tags\":[\"a\",\"b\"]},{\"tag\":\"say\\\"hi\\\",ok\",\"n\":3,\"tags\":null}]");
    }

    @Test
    void unknownFormatIsAClearError() {
        assertThatThrownBy(() -> ResultFormat.parse("xml")).hasMessageContaining("use table, csv or json");
    }
}
