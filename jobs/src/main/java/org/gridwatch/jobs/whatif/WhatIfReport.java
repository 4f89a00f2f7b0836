package org.gridwatch.jobs.whatif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.TariffWarning;
import org.gridwatch.core.whatif.ScenarioFile;
import org.gridwatch.core.whatif.ScenarioRow;
import org.gridwatch.core.whatif.ScenarioTally;

/**
 * The planner's outputs from the fleet's tallies: {@code scenarios.csv} (all customers and each
 * class), {@code segments.csv} (each segment) and {@code report.html}, a page that opens offline
 * with its charting library (Apache ECharts, from its WebJar) inlined.
 */
public final class WhatIfReport {

    public static final String CSV = "scenarios.csv";
    public static final String SEGMENTS_CSV = "segments.csv";
    public static final String HTML = "report.html";

    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final int HISTOGRAM_BINS = 24;

    private final List<ScenarioRow> rows;
    private final ScenarioFile.Scenarios scenarios;

    public WhatIfReport(
            List<ScenarioTally> tallies,
            ScenarioFile.Scenarios scenarios,
            HolidayCalendar calendar) {
        this.scenarios = scenarios;
        List<String> order = scenarios.scenarios().stream().map(s -> s.name()).toList();
        this.rows = new ArrayList<>();
        for (ScenarioTally tally : tallies) {
            rows.add(ScenarioRow.of(tally, calendar));
        }
        rows.sort(
                Comparator.comparingInt((ScenarioRow r) -> order.indexOf(r.scenario()))
                        .thenComparing(r -> !"ALL".equals(r.groupKind()))
                        .thenComparing(ScenarioRow::group));
    }

    public List<ScenarioRow> rows() {
        return rows;
    }

    /** Writes the three files into {@code dir}, creating it if needed. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CSV), csv(false), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(SEGMENTS_CSV), csv(true), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTML), html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the what-if report to " + dir, e);
        }
    }

    /** The rows of all customers and each class, or of each segment, as CSV. */
    String csv(boolean bySegment) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(ScenarioRow.COLUMNS);
        if (bySegment) {
            header.set(1, "segment");
        }
        csv.append(String.join(",", header)).append('\n');
        for (ScenarioRow row : rows) {
            boolean segmentRow = "segment".equals(row.groupKind());
            if (segmentRow == bySegment) {
                csv.append(String.join(",", row.csv().values())).append('\n');
            }
        }
        return csv.toString();
    }

    String html() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode data = json.createObjectNode();
        data.put("scenarioFile", scenarios.fileName());
        ArrayNode columns = data.putArray("columns");
        ScenarioRow.COLUMNS.forEach(columns::add);
        ArrayNode warnings = data.putArray("warnings");
        for (TariffWarning w : scenarios.warnings()) {
            warnings.add(w.toString());
        }
        ArrayNode out = data.putArray("rows");
        for (ScenarioRow row : rows) {
            ObjectNode r = out.addObject();
            r.put("kind", row.groupKind());
            ObjectNode values = r.putObject("csv");
            for (Map.Entry<String, String> e : row.csv().entrySet()) {
                values.put(e.getKey(), e.getValue());
            }
            if ("ALL".equals(row.groupKind())) {
                curve(r.putObject("before"), row.before());
                curve(r.putObject("after"), row.after());
                histogram(r.putObject("histogram"), row.sortedChangesFen());
            }
            r.put(
                    "payLess",
                    row.customers()
                            - Math.round(row.sharePayingMore() * row.customers())
                            - unchanged(row.sortedChangesFen()));
            r.put("payMore", Math.round(row.sharePayingMore() * row.customers()));
        }
        String dataJson;
        try {
            dataJson = json.writeValueAsString(data).replace("</", "<\\/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PAGE.replace("/*ECHARTS*/", echarts()).replace("/*DATA*/", dataJson);
    }

    private static long unchanged(long[] sorted) {
        long n = 0;
        for (long c : sorted) {
            n += c == 0 ? 1 : 0;
        }
        return n;
    }

    private static void curve(ObjectNode node, ScenarioRow.LoadShape shape) {
        ArrayNode workday = node.putArray("workdayKw");
        for (double kw : shape.workdayKw()) {
            workday.add(Math.round(kw * 1000) / 1000.0);
        }
        ArrayNode other = node.putArray("otherDayKw");
        for (double kw : shape.otherDayKw()) {
            other.add(Math.round(kw * 1000) / 1000.0);
        }
    }

    /**
     * Bill changes in {@value #HISTOGRAM_BINS} equal bins from the 1st to the 99th percentile; the
     * changes beyond go to the end bins.
     */
    private static void histogram(ObjectNode node, long[] sorted) {
        ArrayNode edges = node.putArray("edgesCny");
        ArrayNode counts = node.putArray("counts");
        if (sorted.length == 0) {
            return;
        }
        long low = ScenarioRow.percentile(sorted, 1);
        long high = ScenarioRow.percentile(sorted, 99);
        if (high <= low) {
            high = low + 1;
        }
        double width = (double) (high - low) / HISTOGRAM_BINS;
        long[] bins = new long[HISTOGRAM_BINS];
        for (long change : sorted) {
            int bin = (int) Math.floor((change - low) / width);
            bins[Math.max(0, Math.min(HISTOGRAM_BINS - 1, bin))]++;
        }
        for (int b = 0; b <= HISTOGRAM_BINS; b++) {
            edges.add(Math.round(low + b * width) / 100.0);
        }
        for (long c : bins) {
            counts.add(c);
        }
    }

    private static String echarts() {
        try (InputStream in = WhatIfReport.class.getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("missing " + ECHARTS + " (the ECharts WebJar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String PAGE =
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>GridWatch tariff what-if</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;font-size:13px;margin:.5em 0 1.5em}
            th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
            th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}
            .chart{width:100%;max-width:1100px;height:320px}
            .warn{color:#a15c00}
            </style>
            <script>/*ECHARTS*/</script>
            </head><body>
            <h1>Tariff what-if</h1>
            <p>Every scenario against today's tariffs over the same recorded history.
            Bills are those of the billing engine; a bill change is what a customer pays more
            (negative: less) over the history, any shift incentive deducted. Figures as in
            <code>scenarios.csv</code> and <code>segments.csv</code>; definitions in docs/whatif.md.</p>
            <div id="warnings"></div>
            <h2>Scenarios, all customers and by class</h2>
            <table id="rows"></table>
            <h2>By segment</h2>
            <table id="segment-rows"></table>
            <div id="scenarios"></div>
            <script type="application/json" id="data">/*DATA*/</script>
            <script>
            const data = JSON.parse(document.getElementById('data').textContent);
            const shown = ['scenario','class','customers','opted_in','revenue_before_cny',
              'revenue_after_cny','revenue_change_pct','bill_change_p10_cny','bill_change_p50_cny',
              'bill_change_p90_cny','share_paying_more','peak_kwh_before','peak_kwh_after',
              'kwh_moved_out_of_peak','incentive_paid_cny','system_peak_kw_before',
              'system_peak_kw_after','peak_valley_rate_before','peak_valley_rate_after',
              'load_factor_before','load_factor_after'];
            function fill(table, rows, firstHeader) {
              const head = table.insertRow();
              shown.forEach((c, i) => { const th = document.createElement('th');
                th.textContent = i === 1 ? firstHeader : c; head.appendChild(th); });
              rows.forEach(r => { const tr = table.insertRow();
                tr.dataset.scenario = r.csv.scenario; tr.dataset.group = r.csv['class'];
                shown.forEach(c => { const td = tr.insertCell(); td.dataset.column = c;
                  td.textContent = r.csv[c]; }); });
            }
            fill(document.getElementById('rows'), data.rows.filter(r => r.kind !== 'segment'), 'class');
            fill(document.getElementById('segment-rows'), data.rows.filter(r => r.kind === 'segment'), 'segment');
            const w = document.getElementById('warnings');
            data.warnings.forEach(t => { const p = document.createElement('p');
              p.className = 'warn'; p.textContent = 'Tariff warning: ' + t; w.appendChild(p); });
            const hours = Array.from({length: 48}, (_, i) =>
              String(Math.floor(i / 2)).padStart(2, '0') + ':' + (i % 2 ? '30' : '00'));
            const host = document.getElementById('scenarios');
            data.rows.filter(r => r.kind === 'ALL').forEach(r => {
              const name = r.csv.scenario;
              const h = document.createElement('h2'); h.textContent = 'Scenario ' + name; host.appendChild(h);
              const charts = [['load', 'Average workday load, kW'], ['bills', 'Bill change per customer, CNY'],
                ['segments', 'Who pays more and who less, by segment']];
              charts.forEach(([kind, title]) => {
                const div = document.createElement('div'); div.className = 'chart';
                div.id = 'chart-' + kind + '-' + name; div.dataset.title = title; host.appendChild(div); });
              echarts.init(document.getElementById('chart-load-' + name)).setOption({
                title: {text: 'Average workday load, kW (weekend/holiday dashed)'}, tooltip: {trigger: 'axis'},
                legend: {top: 28}, grid: {top: 70}, xAxis: {type: 'category', data: hours}, yAxis: {type: 'value', name: 'kW'},
                series: [
                  {name: 'workday today', type: 'line', data: r.before.workdayKw, showSymbol: false},
                  {name: 'workday under ' + name, type: 'line', data: r.after.workdayKw, showSymbol: false},
                  {name: 'other days today', type: 'line', data: r.before.otherDayKw, showSymbol: false, lineStyle: {type: 'dashed'}},
                  {name: 'other days under ' + name, type: 'line', data: r.after.otherDayKw, showSymbol: false, lineStyle: {type: 'dashed'}}]});
              const e = r.histogram.edgesCny;
              echarts.init(document.getElementById('chart-bills-' + name)).setOption({
                title: {text: 'Bill change per customer over the history, CNY'}, tooltip: {},
                xAxis: {type: 'category', name: 'CNY', data: r.histogram.counts.map((_, i) => e[i] + ' to ' + e[i + 1])},
                yAxis: {type: 'value', name: 'customers'},
                series: [{type: 'bar', data: r.histogram.counts}]});
              const seg = data.rows.filter(s => s.kind === 'segment' && s.csv.scenario === name);
              echarts.init(document.getElementById('chart-segments-' + name)).setOption({
                title: {text: 'Customers who pay more and less, by segment'}, tooltip: {trigger: 'axis'},
                legend: {top: 28}, grid: {top: 70},
                xAxis: {type: 'category', data: seg.map(s => s.csv['class'])}, yAxis: {type: 'value', name: 'customers'},
                series: [{name: 'pay more', type: 'bar', stack: 'n', data: seg.map(s => s.payMore)},
                         {name: 'pay less', type: 'bar', stack: 'n', data: seg.map(s => s.payLess)}]});
            });
            document.body.dataset.rendered = 'true';
            </script>
            </body></html>
            """;
}
