package dev.streamproc.athena;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stack's Athena named queries are the repository's query files, byte for byte. */
class NamedQueriesTest {

    private static final String VIEW_QUERY = "create-tweets_failed-view";
    private static final CfnTemplate TEMPLATE = CfnTemplate.load();

    @Test
    void everyQueryFileIsANamedQueryWithTheSameText() {
        Map<String, String> named = namedQueriesByName();

        for (Path file : RepoFiles.queryFiles()) {
            assertThat(named).as("named query for %s", file.getFileName()).containsKey(RepoFiles.baseName(file));
            assertThat(named.get(RepoFiles.baseName(file)))
                    .as("QueryString of %s in template.yaml", RepoFiles.baseName(file))
                    .isEqualTo(RepoFiles.read(file));
        }
    }

    @Test
    void noNamedQueryWithoutItsFile() {
        List<String> files = RepoFiles.queryFiles().stream().map(RepoFiles::baseName).toList();

        assertThat(namedQueriesByName().keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(files.stream(), java.util.stream.Stream.of(VIEW_QUERY)).toList());
    }

    @Test
    void viewNamedQueryIsTheViewStatementOfTheDdl() {
        List<String> statements = HiveDdl.statements(RepoFiles.read(RepoFiles.DDL.resolve("tweets_failed.sql")));

        assertThat(namedQueriesByName().get(VIEW_QUERY)).isEqualTo(statements.get(1) + "\n");
    }

    @Test
    void namedQueriesRunInTheStacksDatabaseAndWorkgroup() {
        TEMPLATE.resourcesOfType("AWS::Athena::NamedQuery").forEach((id, resource) -> {
            Map<String, Object> properties = CfnTemplate.map(resource, "Properties");
            assertThat(properties.get("Database")).as(id).isEqualTo(Map.of("Ref", "GlueDatabase"));
            assertThat(properties.get("WorkGroup")).as(id).isEqualTo(Map.of("Ref", "AthenaWorkGroup"));
        });
    }

    private static Map<String, String> namedQueriesByName() {
        Map<String, String> byName = new LinkedHashMap<>();
        TEMPLATE.resourcesOfType("AWS::Athena::NamedQuery").forEach((id, resource) -> {
            Map<String, Object> properties = CfnTemplate.map(resource, "Properties");
            String previous = byName.put((String) properties.get("Name"), (String) properties.get("QueryString"));
            assertThat(previous).as("two named queries called %s", properties.get("Name")).isNull();
        });
        return byName;
    }
}
