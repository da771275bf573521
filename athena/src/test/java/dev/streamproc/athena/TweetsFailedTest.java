package dev.streamproc.athena;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.Statement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** athena/ddl/tweets_failed.sql reads what Firehose writes for processing-failed records, where it writes it. */
class TweetsFailedTest {

    /** The fields of Firehose's processing-failed JSON lines, in the order Firehose writes them. */
    private static final List<String> FIREHOSE_ERROR_FIELDS = List.of("attemptsMade", "arrivalTimestamp", "errorCode",
            "errorMessage", "attemptEndingTimestamp", "rawData", "lambdaArn");

    private static final List<String> STATEMENTS =
            HiveDdl.statements(RepoFiles.read(RepoFiles.DDL.resolve("tweets_failed.sql")));
    private static final CfnTemplate TEMPLATE = CfnTemplate.load();

    @Test
    void fileHoldsTheTableThenTheView() {
        assertThat(STATEMENTS).hasSize(2);
        assertThat(STATEMENTS.get(0)).startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS tweets_errors ");
        assertThat(STATEMENTS.get(1)).startsWith("CREATE OR REPLACE VIEW tweets_failed AS");
    }

    @Test
    void tableColumnsAreFirehoseErrorFieldsWhichTheSerdeMatchesIgnoringCase() {
        HiveDdl table = HiveDdl.parse(STATEMENTS.get(0));

        assertThat(table.columns().stream().map(HiveDdl.Column::name))
                .containsExactlyElementsOf(FIREHOSE_ERROR_FIELDS.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
        assertThat(table.columns()).contains(new HiveDdl.Column("arrivaltimestamp", "bigint"),
                new HiveDdl.Column("rawdata", "string"), new HiveDdl.Column("errorcode", "string"));
        assertThat(table.partitionColumns()).containsExactly(new HiveDdl.Column("dt", "string"));
        assertThat(table.serde()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
    }

    @Test
    void projectionFollowsTheFirehoseErrorOutputPrefixForProcessingFailures() {
        HiveDdl table = HiveDdl.parse(STATEMENTS.get(0));
        String errorPrefix = (String) CfnTemplate.map(TEMPLATE.properties("DeliveryStream"),
                "ExtendedS3DestinationConfiguration").get("ErrorOutputPrefix");

        String location = "s3://" + TemplateValues.BUCKET + "/" + FirehosePrefix.withDt(errorPrefix, "processing-failed");
        assertThat(location).isEqualTo("s3://<ARCHIVE_BUCKET>/errors/processing-failed/${dt}/");
        assertThat(table.properties())
                .containsEntry("projection.enabled", "true")
                .containsEntry("projection.dt.type", "date")
                .containsEntry("projection.dt.format", FirehosePrefix.timestampPattern(errorPrefix))
                .containsEntry("storage.location.template", location);
        assertThat(table.location() + "${dt}/").isEqualTo(location);
    }

    @Test
    void templateGlueTableIsTheDdlTable() {
        HiveDdl ddl = HiveDdl.parse(STATEMENTS.get(0));
        Map<String, Object> table = CfnTemplate.map(TEMPLATE.properties("TweetsErrorsTable"), "TableInput");
        Map<String, Object> storage = CfnTemplate.map(table, "StorageDescriptor");

        assertThat(table.get("Name")).isEqualTo(ddl.table());
        assertThat(TweetsTableTest.glueColumns(CfnTemplate.list(storage, "Columns"))).containsExactlyElementsOf(ddl.columns());
        assertThat(TweetsTableTest.glueColumns(CfnTemplate.list(table, "PartitionKeys")))
                .containsExactlyElementsOf(ddl.partitionColumns());
        assertThat(CfnTemplate.map(storage, "SerdeInfo").get("SerializationLibrary")).isEqualTo(ddl.serde());
        assertThat(TemplateValues.render(storage.get("Location"))).isEqualTo(ddl.location());
        assertThat(TemplateValues.renderAll(CfnTemplate.map(table, "Parameters"))).isEqualTo(ddl.properties());
    }

    @Test
    void viewIsTrinoSqlOverTheErrorsTable() {
        Statement view = new SqlParser().createStatement(STATEMENTS.get(1));

        assertThat(view).isInstanceOf(CreateView.class);
        CreateView createView = (CreateView) view;
        assertThat(createView.getName().toString()).isEqualTo("tweets_failed");
        assertThat(createView.isReplace()).isTrue();
        assertThat(SqlFiles.tablesReadBy(createView.getQuery())).containsExactly("tweets_errors");
    }
}
