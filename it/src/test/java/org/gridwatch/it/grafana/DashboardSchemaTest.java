package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class DashboardSchemaTest {

    private static final RepoLayout REPO = RepoLayout.fromSystemProperty();
    private static final GrafanaSchemas SCHEMAS = GrafanaSchemas.load(REPO.grafanaSchemas());
    private static final List<ProvisionedDataSource> SOURCES =
            ProvisionedDataSource.readAll(REPO.provisioning().resolve("datasources"));

    @Test
    void everyDashboardFitsGrafanasSchemasAndUsesOnlyProvisionedSourcesAndDefinedVariables() {
        List<DashboardHarness> harnesses = DashboardHarness.all(REPO);

        assertThat(harnesses)
                .extracting(h -> h.dashboard().name())
                .contains("operations.json", "value.json", "inspector.json", "planner.json");
        for (DashboardHarness harness : harnesses) {
            assertThat(harness.problems()).as(harness.dashboard().name()).isEmpty();
        }
    }

    @Test
    void dashboardUidsAreUnique() {
        assertThat(DashboardHarness.all(REPO))
                .extracting(h -> h.dashboard().uid())
                .doesNotHaveDuplicates();
    }

    @Test
    void operationsDashboardHasItsStableUidAndFiltersLoadByAreaAndClass() {
        DashboardFile operations = DashboardFile.read(REPO.dashboards().resolve("operations.json"));

        assertThat(operations.uid()).isEqualTo("gridwatch-operations");
        assertThat(operations.variables())
                .extracting(TemplateVariable::name, TemplateVariable::type)
                .containsExactly(tuple("area", "query"), tuple("class", "query"));
        for (DashboardFile.Panel panel : operations.panels()) {
            for (JsonNode target : panel.targets()) {
                String query = target.path("query").asText();
                if (query.contains("FROM \"load\"")) {
                    assertThat(InfluxQlTemplate.variablesUsed(query))
                            .as(panel.title())
                            .contains("area", "class");
                }
                if (query.contains("FROM \"area_supply\"")) {
                    assertThat(InfluxQlTemplate.variablesUsed(query))
                            .as(panel.title())
                            .contains("area");
                }
            }
        }
    }

    @Test
    void
            valueDashboardHasItsStableUidAndReadsTheSparseTalliesOnlyAsLastValuesAndTheWorklistsListed() {
        DashboardFile value = DashboardFile.read(REPO.dashboards().resolve("value.json"));

        assertThat(value.uid()).isEqualTo("gridwatch-value");
        assertThat(value.json().path("time").path("from").asText()).isEqualTo("now-90d");
        for (DashboardFile.Panel panel : value.panels()) {
            assertThat(panel.json().path("description").asText()).as(panel.title()).isNotBlank();
            for (JsonNode target : panel.targets()) {
                String query = target.path("query").asText();
                if (query.contains("FROM \"worklist\"")) {
                    // One row per customer on the chosen strategy's list, as it stands now.
                    assertThat(query)
                            .as(panel.title())
                            .contains("\"status\" = 'LISTED'", "\"strategy\" = '$strategy'");
                    continue;
                }
                assertThat(query)
                        .as(panel.title())
                        .containsAnyOf("FROM \"segments\"", "FROM \"revenue_concentration\"")
                        .contains("last(\"");
                if (query.contains("sum(")) {
                    // A sum over grades or segments must add one last tally per combination.
                    assertThat(query)
                            .as(panel.title())
                            .containsPattern(
                                    "FROM \\(SELECT last\\(.*GROUP BY .*\"segment\", \"grade\"");
                }
            }
        }
    }

    @Test
    void plannerDashboardHasItsStableUidAndReadsEachWhatIfRunAsLastValues() {
        DashboardFile planner = DashboardFile.read(REPO.dashboards().resolve("planner.json"));

        assertThat(planner.uid()).isEqualTo("gridwatch-planner");
        assertThat(planner.variables())
                .extracting(TemplateVariable::name, TemplateVariable::type)
                .containsExactly(tuple("scenario", "query"), tuple("live", "query"));
        assertThat(planner.panels()).hasSizeGreaterThanOrEqualTo(10);
        for (DashboardFile.Panel panel : planner.panels()) {
            assertThat(panel.json().path("description").asText()).as(panel.title()).isNotBlank();
            for (JsonNode target : panel.targets()) {
                String query = target.path("query").asText();
                assertThat(query)
                        .as(panel.title())
                        .containsAnyOf(
                                "FROM \"whatif\"", "FROM \"shadow\"", "FROM \"shadow_response\"");
                if (query.contains("FROM \"whatif\"")) {
                    // A run's points all carry its start: the last value is its latest run.
                    assertThat(query).as(panel.title()).contains("last(\"", "\"group_kind\" = '");
                    assertThat(query).as(panel.title()).doesNotContain("sum(", "mean(");
                } else {
                    assertThat(InfluxQlTemplate.variablesUsed(query))
                            .as(panel.title())
                            .contains("live");
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void influxDbIsProvisionedUnderTheUidTheDashboardsUseWithCredentialsFromTheEnvironment()
            throws IOException {
        assertThat(SOURCES)
                .singleElement()
                .satisfies(
                        source -> {
                            assertThat(source.uid()).isEqualTo("gridwatch-influxdb");
                            assertThat(source.type()).isEqualTo("influxdb");
                            assertThat(source.database()).isEqualTo("gridwatch");
                            assertThat(source.url()).matches("\\$\\{\\w+\\}");
                        });
        Path file = REPO.provisioning().resolve("datasources").resolve("gridwatch-influxdb.yaml");
        Map<String, Object> source =
                ((List<Map<String, Object>>)
                                new Yaml()
                                        .<Map<String, Object>>load(Files.readString(file))
                                        .get("datasources"))
                        .get(0);
        assertThat(String.valueOf(source.get("user"))).matches("\\$\\{\\w+\\}");
        assertThat(
                        String.valueOf(
                                ((Map<String, Object>) source.get("secureJsonData"))
                                        .get("password")))
                .matches("\\$\\{\\w+\\}");
        assertThat(((Map<String, Object>) source.get("jsonData")).get("version"))
                .isEqualTo("InfluxQL");
    }

    @Test
    void schemaSetHasOptionsForTheCommonPanelTypes() {
        assertThat(SCHEMAS.panelTypes()).contains("timeseries", "stat", "barchart", "table");
    }

    @Test
    void rejectsAPanelWithAPropertyGrafanaDoesNotKnow() {
        assertThat(problemsAfter(panel -> panel.put("colour", "red")))
                .anySatisfy(problem -> assertThat(problem).contains("colour"));
    }

    @Test
    void rejectsAnUnknownOptionOfThePanelTypeThoughTheDashboardSchemaLeavesOptionsOpen() {
        assertThat(
                        problemsAfter(
                                panel ->
                                        ((ObjectNode) panel.path("options"))
                                                .put("legendPosition", "top")))
                .anySatisfy(
                        problem ->
                                assertThat(problem).contains("options").contains("legendPosition"));
    }

    @Test
    void rejectsAFieldConfigValueOutsideThePanelTypesEnumeration() {
        assertThat(
                        problemsAfter(
                                panel ->
                                        ((ObjectNode)
                                                        panel.path("fieldConfig")
                                                                .path("defaults")
                                                                .path("custom"))
                                                .put("drawStyle", "zigzag")))
                .anySatisfy(
                        problem -> assertThat(problem).contains("custom").contains("drawStyle"));
    }

    @Test
    void rejectsAPanelTypeWithoutSchema() {
        assertThat(problemsAfter(panel -> panel.put("type", "timeserie")))
                .anySatisfy(
                        problem ->
                                assertThat(problem)
                                        .contains("no schema for panel type 'timeserie'"));
    }

    @Test
    void reportsAQueryThatUsesAnUndefinedVariable() {
        assertThat(
                        problemsAfter(
                                panel ->
                                        setFirstQuery(
                                                panel,
                                                "SELECT kw FROM load WHERE area =~ /^$region$/")))
                .anySatisfy(problem -> assertThat(problem).contains("$region"));
    }

    @Test
    void reportsAMultiValueVariableComparedWithoutRegex() {
        assertThat(
                        problemsAfter(
                                panel ->
                                        setFirstQuery(
                                                panel,
                                                "SELECT kw FROM load WHERE \"area\" = '$area' AND $timeFilter")))
                .anySatisfy(problem -> assertThat(problem).contains("$area").contains("regex"));
    }

    @Test
    void reportsADataSourceThatIsNotProvisioned() {
        assertThat(
                        problemsAfter(
                                panel ->
                                        ((ObjectNode) panel.path("targets").get(0))
                                                .set(
                                                        "datasource",
                                                        JsonNodeFactory.instance
                                                                .objectNode()
                                                                .put("type", "influxdb")
                                                                .put("uid", "influx-old"))))
                .anySatisfy(problem -> assertThat(problem).contains("influx-old"));
    }

    @Test
    void reportsOverlappingPanels() {
        assertThat(
                        problemsAfter(
                                panel ->
                                        ((ObjectNode) panel.path("gridPos"))
                                                .put("x", 0)
                                                .put("y", 0)))
                .anySatisfy(problem -> assertThat(problem).contains("overlaps"));
    }

    /** The problems of the Operations dashboard after one change to its third panel. */
    private static List<String> problemsAfter(Consumer<ObjectNode> change) {
        DashboardFile original = DashboardFile.read(REPO.dashboards().resolve("operations.json"));
        JsonNode copy = original.json().deepCopy();
        change.accept((ObjectNode) copy.path("panels").get(2));
        DashboardHarness harness =
                new DashboardHarness(new DashboardFile(original.file(), copy), SCHEMAS, SOURCES);
        assertThat(new DashboardHarness(original, SCHEMAS, SOURCES).problems()).isEmpty();
        return harness.problems();
    }

    private static void setFirstQuery(ObjectNode panel, String query) {
        ((ObjectNode) panel.path("targets").get(0)).set("query", TextNode.valueOf(query));
    }
}
