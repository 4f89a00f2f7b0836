package org.gridwatch.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gridwatch.it.grafana.InfluxQlTemplate.QueryTime;
import org.gridwatch.it.grafana.InfluxQlTemplate.Selection;
import org.junit.jupiter.api.Test;

class InfluxQlTemplateTest {

    private static final QueryTime HOUR = new QueryTime(1_000, 3_601_000, 900_000);

    private static TemplateVariable area(boolean multi, boolean includeAll, String allValue) {
        return new TemplateVariable(
                "area", "query", "SHOW TAG VALUES", multi, includeAll, allValue, List.of());
    }

    private static Map<String, Selection> select(
            TemplateVariable variable, List<String> selected, List<String> options) {
        return Map.of(variable.name(), new Selection(variable, selected, options));
    }

    @Test
    void rendersTimeFilterAsMillisecondBoundsLikeGrafanasInfluxQlBackend() {
        assertThat(InfluxQlTemplate.render("SELECT kw FROM load WHERE $timeFilter", HOUR, Map.of()))
                .isEqualTo("SELECT kw FROM load WHERE time >= 1000ms and time <= 3601000ms");
    }

    @Test
    void rendersIntervalAsTextAndIntervalMsAsNumberWithoutConfusingTheTwo() {
        String query = "GROUP BY time($__interval) x $__interval_ms y $interval";

        assertThat(InfluxQlTemplate.render(query, HOUR, Map.of()))
                .isEqualTo("GROUP BY time(15m) x 900000 y 15m");
    }

    @Test
    void regexEscapesEveryValueOfAMultiValueVariableAndJoinsThemAsAlternatives() {
        TemplateVariable area = area(true, false, null);

        String rendered =
                InfluxQlTemplate.render(
                        "\"area\" =~ /^$area$/",
                        HOUR,
                        select(area, List.of("A.01", "B/2"), List.of()));

        assertThat(rendered).isEqualTo("\"area\" =~ /^(A\\.01|B\\/2)$/");
    }

    @Test
    void escapedValueMatchesOnlyItselfAsAJavaRegexToo() {
        String escaped = InfluxQlTemplate.escapeRegex("A.01+(x)");

        assertThat("A.01+(x)").matches(escaped);
        assertThat("AX01+(x)").doesNotMatch(escaped);
    }

    @Test
    void rendersAllAsTheCustomAllValueWithoutEscapingIt() {
        TemplateVariable area = area(true, true, ".*");

        String rendered =
                InfluxQlTemplate.render(
                        "/^$area$/",
                        HOUR,
                        select(area, List.of(TemplateVariable.ALL), List.of("A01", "A02")));

        assertThat(rendered).isEqualTo("/^.*$/");
    }

    @Test
    void rendersAllWithoutCustomValueAsEveryOptionEscaped() {
        TemplateVariable area = area(false, true, null);

        String rendered =
                InfluxQlTemplate.render(
                        "/^$area$/",
                        HOUR,
                        select(area, List.of(TemplateVariable.ALL), List.of("A.1", "A2")));

        assertThat(rendered).isEqualTo("/^(A\\.1|A2)$/");
    }

    @Test
    void leavesASingleValueVariableUnescaped() {
        TemplateVariable db =
                new TemplateVariable("rp", "custom", "autogen", false, false, null, List.of());

        assertThat(
                        InfluxQlTemplate.render(
                                "FROM \"$rp\".load", HOUR, select(db, List.of("a.b"), List.of())))
                .isEqualTo("FROM \"a.b\".load");
    }

    @Test
    void acceptsEveryVariableSyntaxAndFormat() {
        TemplateVariable area = area(true, true, null);
        Map<String, Selection> chosen = select(area, List.of("A.1", "A2"), List.of());

        assertThat(
                        InfluxQlTemplate.render(
                                "${area} [[area]] ${area:raw} [[area:pipe]] ${area:singlequote}",
                                HOUR,
                                chosen))
                .isEqualTo("(A\\.1|A2) (A\\.1|A2) A.1,A2 A.1|A2 'A.1','A2'");
    }

    @Test
    void refusesAQueryWithAnUndefinedVariableAndNamesIt() {
        assertThatThrownBy(
                        () ->
                                InfluxQlTemplate.render(
                                        "WHERE \"area\" =~ /^$region$/ AND $timeFilter",
                                        HOUR,
                                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$region")
                .hasMessageNotContaining("$timeFilter]");
    }

    @Test
    void leavesRegexAnchorsAlone() {
        TemplateVariable area = area(false, false, null);

        assertThat(
                        InfluxQlTemplate.render(
                                "/^$area$/ AND /^x$|^y$/",
                                HOUR,
                                select(area, List.of("A1"), List.of())))
                .isEqualTo("/^A1$/ AND /^x$|^y$/");
    }

    @Test
    void findsVariablesUsedOutsideARegexLiteral() {
        String query = "WHERE \"area\" =~ /^$area$/ AND \"class\" = '$class' AND $timeFilter";

        assertThat(InfluxQlTemplate.variablesOutsideRegex(query)).containsExactly("class");
        assertThat(InfluxQlTemplate.variablesUsed(query)).containsExactly("area", "class");
    }
}
