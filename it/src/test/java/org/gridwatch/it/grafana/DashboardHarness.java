package org.gridwatch.it.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.InfluxQueryException;
import org.gridwatch.embedded.QueryResult;
import org.gridwatch.it.grafana.InfluxQlTemplate.QueryTime;
import org.gridwatch.it.grafana.InfluxQlTemplate.Selection;

/**
 * Checks one Grafana dashboard as far as a test can without a browser: it must fit Grafana's
 * schemas, refer only to provisioned data sources and defined variables, and every query it would
 * send must run on a real InfluxDB. Reused by the test of every dashboard; it knows nothing about
 * where the data came from.
 */
public final class DashboardHarness {

    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final DashboardFile dashboard;
    private final GrafanaSchemas schemas;
    private final Map<String, ProvisionedDataSource> dataSources = new LinkedHashMap<>();

    public DashboardHarness(
            DashboardFile dashboard, GrafanaSchemas schemas, List<ProvisionedDataSource> sources) {
        this.dashboard = dashboard;
        this.schemas = schemas;
        sources.forEach(source -> dataSources.put(source.uid(), source));
    }

    /** The harness of grafana/dashboards/{fileName}. */
    public static DashboardHarness of(RepoLayout repo, String fileName) {
        return new DashboardHarness(
                DashboardFile.read(repo.dashboards().resolve(fileName)),
                GrafanaSchemas.load(repo.grafanaSchemas()),
                ProvisionedDataSource.readAll(repo.provisioning().resolve("datasources")));
    }

    /** One harness per dashboard in grafana/dashboards. */
    public static List<DashboardHarness> all(RepoLayout repo) {
        GrafanaSchemas schemas = GrafanaSchemas.load(repo.grafanaSchemas());
        List<ProvisionedDataSource> sources =
                ProvisionedDataSource.readAll(repo.provisioning().resolve("datasources"));
        return DashboardFile.readAll(repo.dashboards()).stream()
                .map(file -> new DashboardHarness(file, schemas, sources))
                .toList();
    }

    public DashboardFile dashboard() {
        return dashboard;
    }

    /**
     * The schema violations, and the mistakes a schema cannot see: unknown data sources and
     * variables, queries the harness could not run, duplicate ids, overlapping panels.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>(schemas.problems(dashboard));
        if (!UID.matcher(dashboard.uid()).matches()) {
            problems.add("uid '" + dashboard.uid() + "' is not 1-40 letters, digits, - or _");
        }
        problems.addAll(PanelLayout.problems(dashboard.json().path("panels")));
        Map<String, Selection> dummy = dummySelections();
        for (TemplateVariable variable : dashboard.variables()) {
            if (variable.isQuery()) {
                checkQuery("variable " + variable.name(), variable.query(), dummy, problems);
            }
        }
        for (DashboardFile.Panel panel : dashboard.panels()) {
            checkPanel(panel, dummy, problems);
        }
        return problems;
    }

    /** {@link #runAllQueries(InfluxQueryClient, String, long, long, Map)} on an open InfluxDB. */
    public List<QueryOutcome> runAllQueries(String url, String database, long from, long to) {
        return runAllQueries(new InfluxQueryClient(url), database, from, to, Map.of());
    }

    /**
     * Runs every template variable query, then every panel query, as Grafana would for the time
     * range [from, to] (epoch milliseconds): variables keep their saved selection unless {@code
     * chosen} overrides it (a list of values, or {@code ["$__all"]}).
     */
    public List<QueryOutcome> runAllQueries(
            InfluxQueryClient client,
            String database,
            long from,
            long to,
            Map<String, List<String>> chosen) {
        List<QueryOutcome> outcomes = new ArrayList<>();
        Map<String, Selection> selections =
                resolveVariables(client, database, from, to, chosen, outcomes);
        for (DashboardFile.Panel panel : dashboard.panels()) {
            for (JsonNode target : panel.targets()) {
                if (target.path("hide").asBoolean(false)) {
                    continue; // Grafana does not run hidden queries either.
                }
                long interval =
                        GrafanaInterval.intervalMillis(
                                from,
                                to,
                                panel.maxDataPoints(),
                                minInterval(panel.minInterval(), panel.datasourceUid(target)));
                outcomes.add(
                        run(
                                        client,
                                        database,
                                        panel.title(),
                                        target.path("refId").asText("?"),
                                        target.path("query").asText(""),
                                        new QueryTime(from, to, interval),
                                        selections)
                                .outcome());
            }
        }
        return outcomes;
    }

    /** The values each variable offers on this data, e.g. to choose one area. */
    public Map<String, List<String>> variableOptions(
            InfluxQueryClient client, String database, long from, long to) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        resolveVariables(client, database, from, to, Map.of(), new ArrayList<>())
                .forEach((name, selection) -> options.put(name, selection.options()));
        return options;
    }

    /**
     * Runs the variable queries in dashboard order, so that a variable can use the ones before it
     * (class after area), and records their outcomes.
     */
    private Map<String, Selection> resolveVariables(
            InfluxQueryClient client,
            String database,
            long from,
            long to,
            Map<String, List<String>> chosen,
            List<QueryOutcome> outcomes) {
        Map<String, Selection> selections = new LinkedHashMap<>();
        for (TemplateVariable variable : dashboard.variables()) {
            List<String> options = variable.staticOptions();
            if (variable.isQuery()) {
                long interval = GrafanaInterval.intervalMillis(from, to, 1000, 1);
                Run run =
                        run(
                                client,
                                database,
                                "variable " + variable.name(),
                                "-",
                                variable.query(),
                                new QueryTime(from, to, interval),
                                selections);
                outcomes.add(run.outcome());
                options = run.firstColumnValues();
            }
            selections.put(
                    variable.name(),
                    new Selection(variable, selection(variable, options, chosen), options));
        }
        return selections;
    }

    private List<String> selection(
            TemplateVariable variable, List<String> options, Map<String, List<String>> chosen) {
        if (chosen.containsKey(variable.name())) {
            return chosen.get(variable.name());
        }
        if (!variable.current().isEmpty()) {
            return variable.current();
        }
        if (variable.includeAll()) {
            return List.of(TemplateVariable.ALL);
        }
        return options.isEmpty() ? List.of() : List.of(options.get(0));
    }

    /** The panel's minimum interval, else its data source's ("Min time interval"), else none. */
    private long minInterval(String panelInterval, String datasourceUid) {
        if (!panelInterval.isBlank()) {
            return GrafanaInterval.parse(panelInterval);
        }
        ProvisionedDataSource source = dataSources.get(datasourceUid);
        if (source != null && !source.timeInterval().isBlank()) {
            return GrafanaInterval.parse(source.timeInterval());
        }
        return 1;
    }

    private record Run(QueryOutcome outcome, QueryResult result) {
        List<String> firstColumnValues() {
            List<String> values = new ArrayList<>();
            if (result == null) {
                return values;
            }
            for (QueryResult.Series series : result.series()) {
                // SHOW TAG VALUES answers (key, value); other queries put the value after time.
                int column = series.columns().indexOf("value");
                if (column < 0) {
                    column =
                            series.columns().indexOf("time") == 0 && series.columns().size() > 1
                                    ? 1
                                    : 0;
                }
                for (List<Object> row : series.rows()) {
                    values.add(String.valueOf(row.get(column)));
                }
            }
            return values;
        }
    }

    private Run run(
            InfluxQueryClient client,
            String database,
            String source,
            String refId,
            String query,
            QueryTime time,
            Map<String, Selection> selections) {
        String rendered = query;
        try {
            rendered = InfluxQlTemplate.render(query, time, selections);
            QueryResult result = client.query(database, rendered);
            int rows = result.series().stream().mapToInt(series -> series.rows().size()).sum();
            return new Run(
                    new QueryOutcome(
                            dashboard.name(),
                            source,
                            refId,
                            rendered,
                            result.series().size(),
                            rows,
                            null),
                    result);
        } catch (IllegalArgumentException | InfluxQueryException e) {
            return new Run(
                    new QueryOutcome(
                            dashboard.name(), source, refId, rendered, 0, 0, e.getMessage()),
                    null);
        }
    }

    private void checkPanel(
            DashboardFile.Panel panel, Map<String, Selection> dummy, List<String> problems) {
        String where = "panel '" + panel.title() + "'";
        if (!panel.minInterval().isBlank()) {
            try {
                GrafanaInterval.parse(panel.minInterval());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        Set<String> refIds = new HashSet<>();
        for (JsonNode target : panel.targets()) {
            String refId = target.path("refId").asText("");
            String at = where + " target " + refId;
            if (refId.isEmpty() || !refIds.add(refId)) {
                problems.add(
                        where
                                + ": every target needs its own refId, found '"
                                + refId
                                + "' twice or empty");
            }
            String uid = panel.datasourceUid(target);
            ProvisionedDataSource source = dataSources.get(uid);
            if (source == null) {
                if (!ProvisionedDataSource.BUILT_IN.contains(uid)) {
                    problems.add(
                            at
                                    + ": data source uid '"
                                    + uid
                                    + "' is not provisioned; known: "
                                    + dataSources.keySet());
                }
                continue;
            }
            if (source.type().equals("influxdb")) {
                if (!target.path("rawQuery").asBoolean(false)
                        || target.path("query").asText("").isBlank()) {
                    problems.add(
                            at
                                    + ": not a raw InfluxQL query (rawQuery and query), so the harness cannot run it");
                    continue;
                }
                checkQuery(at, target.path("query").asText(), dummy, problems);
            }
        }
    }

    private void checkQuery(
            String where, String query, Map<String, Selection> dummy, List<String> problems) {
        try {
            InfluxQlTemplate.render(query, new QueryTime(0, 3_600_000, 60_000), dummy);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
        }
        for (String name : InfluxQlTemplate.variablesOutsideRegex(query)) {
            Selection selection = dummy.get(name);
            if (selection != null && selection.variable().formatsAsRegex()) {
                problems.add(
                        where
                                + ": $"
                                + name
                                + " allows several values or All, so Grafana formats it"
                                + " as a regex; use it inside =~ /^$"
                                + name
                                + "$/");
            }
        }
    }

    /** A value for every variable, to find queries that use undefined ones. */
    private Map<String, Selection> dummySelections() {
        Map<String, Selection> selections = new LinkedHashMap<>();
        for (TemplateVariable variable : dashboard.variables()) {
            selections.put(variable.name(), new Selection(variable, List.of("x"), List.of("x")));
        }
        return selections;
    }
}
