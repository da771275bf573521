package dev.streamproc.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.model.AthenaRow;
import dev.streamproc.model.Tweet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** athena/ddl/tweets.sql and the template's Glue table describe exactly the rows the transformer writes. */
class TweetsTableTest {

    private static final HiveDdl DDL = HiveDdl.parse(single(RepoFiles.read(RepoFiles.DDL.resolve("tweets.sql"))));
    private static final CfnTemplate TEMPLATE = CfnTemplate.load();

    @Test
    void ddlColumnsAreTheAthenaRowColumnsInNameOrderAndType() {
        List<HiveDdl.Column> expected = AthenaRow.COLUMNS.stream()
                .map(c -> new HiveDdl.Column(c.name(), c.athenaType()))
                .toList();

        assertThat(DDL.table()).isEqualTo("tweets");
        assertThat(DDL.columns()).containsExactlyElementsOf(expected);
        assertThat(DDL.partitionColumns()).containsExactly(new HiveDdl.Column("dt", "string"));
        assertThat(DDL.serde()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
    }

    @Test
    void rowsTheTransformerWritesHaveTheDdlColumnsAsKeysWithValuesOfTheirTypes() throws Exception {
        Tweet full = new Tweet("1234567890123456789", Instant.parse("2026-11-23T01:02:03.456Z"), "42", "ada",
                "Ada Lovelace", 1815L, "RT @bob: ναι 日本語 #AWS", "el", List.of("aws", "kinesis"), true, 7L, 9L,
                "#AWS");
        Tweet sparse = new Tweet("1", Instant.parse("2026-11-23T00:00:00Z"), "2", "2", null, 0L, "", "und",
                List.of(), false, 0L, 0L, null);

        for (Tweet tweet : List.of(full, sparse)) {
            String line = new String(AthenaRow.toJsonLine(tweet), StandardCharsets.UTF_8);
            assertThat(line).endsWith("\n").doesNotContain("\n".repeat(2));
            JsonNode row = new ObjectMapper().readTree(line);

            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactlyElementsOf(DDL.columns().stream().map(HiveDdl.Column::name).toList());
            for (HiveDdl.Column column : DDL.columns()) {
                assertThat(fitsHiveType(row.get(column.name()), column.type()))
                        .as("%s = %s is readable as %s", column.name(), row.get(column.name()), column.type())
                        .isTrue();
            }
        }
    }

    @Test
    void templateGlueTableIsTheDdl() {
        Map<String, Object> table = CfnTemplate.map(TEMPLATE.properties("TweetsTable"), "TableInput");
        Map<String, Object> storage = CfnTemplate.map(table, "StorageDescriptor");

        assertThat(table.get("Name")).isEqualTo(DDL.table());
        assertThat(glueColumns(CfnTemplate.list(storage, "Columns"))).containsExactlyElementsOf(DDL.columns());
        assertThat(glueColumns(CfnTemplate.list(table, "PartitionKeys"))).containsExactlyElementsOf(DDL.partitionColumns());
        assertThat(CfnTemplate.map(storage, "SerdeInfo").get("SerializationLibrary")).isEqualTo(DDL.serde());
        assertThat(TemplateValues.render(storage.get("Location"))).isEqualTo(DDL.location());
        assertThat(TemplateValues.renderAll(CfnTemplate.map(table, "Parameters"))).isEqualTo(DDL.properties());
    }

    @Test
    void partitionProjectionFollowsTheFirehosePrefix() {
        Map<String, Object> s3 = CfnTemplate.map(TEMPLATE.properties("DeliveryStream"),
                "ExtendedS3DestinationConfiguration");
        String prefix = (String) s3.get("Prefix");

        assertThat(prefix).isEqualTo("tweets/!{timestamp:yyyy/MM/dd/HH}/");
        assertThat(DDL.properties())
                .containsEntry("projection.enabled", "true")
                .containsEntry("projection.dt.type", "date")
                .containsEntry("projection.dt.format", FirehosePrefix.timestampPattern(prefix))
                .containsEntry("projection.dt.interval", "1")
                .containsEntry("projection.dt.interval.unit", "HOURS")
                .containsEntry("storage.location.template",
                        "s3://" + TemplateValues.BUCKET + "/" + FirehosePrefix.withDt(prefix, null));
        assertThat(DDL.location()).isEqualTo("s3://" + TemplateValues.BUCKET + "/tweets/");
    }

    static String single(String sqlFile) {
        List<String> statements = HiveDdl.statements(sqlFile);
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    static List<HiveDdl.Column> glueColumns(List<Object> columns) {
        return columns.stream()
                .map(CfnTemplate::asMap)
                .map(c -> new HiveDdl.Column((String) c.get("Name"), (String) c.get("Type")))
                .toList();
    }

    /** What the OpenX JSON SerDe reads into a column of that type (null is every type's NULL). */
    private static boolean fitsHiveType(JsonNode value, String type) {
        if (value == null) {
            return false;
        }
        if (value.isNull()) {
            return true;
        }
        return switch (type) {
            case "string" -> value.isTextual();
            case "bigint" -> value.isIntegralNumber() && value.canConvertToLong();
            case "int" -> value.isIntegralNumber() && value.canConvertToInt();
            case "boolean" -> value.isBoolean();
            // The SerDe's timestamp format: yyyy-MM-dd HH:mm:ss[.fff], read as UTC by Athena.
            case "timestamp" -> value.isTextual()
                    && value.asText().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?");
            case "array<string>" -> value.isArray() && allTextual(value);
            default -> throw new AssertionError("no check for Hive type " + type);
        };
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
