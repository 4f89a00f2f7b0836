package org.gridwatch.it.whatif;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.tariff.TariffWarning;
import org.gridwatch.core.whatif.ScenarioFile;
import org.gridwatch.it.Fleets;
import org.gridwatch.jobs.PricingFiles;
import org.gridwatch.jobs.whatif.WhatIfJob;
import org.gridwatch.jobs.whatif.WhatIfReport;
import org.gridwatch.jobs.whatif.WhatIfSettings;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The what-if report page (docs/whatif.md, "The outputs") in a real headless Chromium: the real
 * what-if job runs over a small simulated fleet, then {@code report.html} is opened from its file,
 * with every host name unresolvable. The page must render with no script error, every chart must be
 * a drawn ECharts instance, and every figure it shows must equal the CSV files' (parsed here on
 * their own).
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code bash .ci/run} installs
 * them); without them the test fails, never skips. Other paths: {@code -Dgridwatch.chromium=…} and
 * {@code -Dwebdriver.chrome.driver=…}. The driver is started from its path, so Selenium Manager
 * (which would try to download one) is never asked.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReportPageBrowserTest {

    private static final Path CHROMIUM =
            Path.of(System.getProperty("gridwatch.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

    /** 200 customers × 40 days from New Year 2026: two months, holidays, every common class. */
    private static final SimulationConfig FLEET = SimulationConfig.of(200, 40, 909);

    /**
     * One scenario with the default response, one taken by its winners only, one with a shift
     * incentive; names with '.' and '_', which name rows and charts. No {@code
     * system-peak-valley-gap}: the file's warning must show on the page.
     */
    private static final String SCENARIOS =
            """
            scenarios:
              - name: residential-tou-cer
                classes: [RESIDENTIAL]
                tariff:
                  id: cer-tou
                  source: test
                  sector: residential
                  days: {normal: ["00:00-08:00 valley", "08:00-17:00 flat", "17:00-19:00 peak", "19:00-23:00 flat", "23:00-24:00 valley"]}
                  schedule: [{months: all, day-types: all, day: normal}]
                  prices: {flat: 0.5283, peak: 0.7547, valley: 0.4528}
                response: default
              - name: commercial_valley.winners
                classes: [COMMERCIAL, GENERAL_INDUSTRY]
                opt-in: winners
                tariff:
                  id: commercial-tou-valley-discount
                  source: test
                  sector: industry-and-commerce
                  days:
                    normal: ["00:00-07:00 valley", "07:00-08:00 flat", "08:00-11:00 peak", "11:00-13:00 valley", "13:00-17:00 flat", "17:00-23:00 peak", "23:00-24:00 flat"]
                  schedule: [{months: all, day-types: all, day: normal}]
                  prices: {flat: 0.6500, peak: flat × 1.6, valley: flat × 0.36}
                response: default
              - name: residential-shift-incentive
                classes: [RESIDENTIAL]
                opt-in: 0.5
                shift-incentive: {cny-per-kwh: 0.20}
                tariff:
                  id: cer-tou-incentive
                  source: test
                  sector: residential
                  days: {normal: ["00:00-08:00 valley", "08:00-17:00 flat", "17:00-19:00 peak", "19:00-23:00 flat", "23:00-24:00 valley"]}
                  schedule: [{months: all, day-types: all, day: normal}]
                  prices: {flat: 0.5283, peak: 0.7547, valley: 0.4528}
                response: {substitution: 0.25, own-price: -0.1}
            """;

    /**
     * Selenium warns that it has no DevTools module for this Chromium's version: none is needed,
     * the test's DevTools calls go through chromedriver's own endpoint ({@code executeCdpCommand}).
     */
    private static final Logger CDP_VERSION_FINDER =
            Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private static final List<String> CHART_KINDS = List.of("load", "bills", "segments");

    @TempDir static Path dir;

    private static ChromeDriver driver;
    private static Path out;
    private static Csv scenariosCsv;
    private static Csv segmentsCsv;
    private static List<LogEntry> browserLog;

    @BeforeAll
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    static void runTheWhatIfAndOpenItsPage() throws Exception {
        String missing = missingBrowser();
        if (missing != null) {
            fail(
                    missing
                            + ": this test drives a real headless Chromium. Run `bash .ci/run` (it"
                            + " installs them), or `apt-get install -y chromium chromium-driver`"
                            + " as root (-Dgridwatch.chromium and -Dwebdriver.chrome.driver for"
                            + " other paths).");
        }
        Path fleet = dir.resolve("fleet");
        Fleets.simulateToFiles(FLEET, fleet);
        Path segments = writeSegments(fleet, dir.resolve("segments.jsonl"));
        out = dir.resolve("whatif");
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        new WhatIfJob(
                        new WhatIfSettings(
                                fleet.toString(),
                                segments.toString(),
                                out.toString(),
                                PricingFiles.SHIPPED,
                                "browser-test.yaml",
                                SCENARIOS,
                                null,
                                0L))
                .build(env);
        env.execute("what-if (browser test)");
        scenariosCsv = Csv.read(out.resolve(WhatIfReport.CSV));
        segmentsCsv = Csv.read(out.resolve(WhatIfReport.SEGMENTS_CSV));

        driver = startChromium();
        // Before the page's own scripts: every uncaught error, failed resource and rejection.
        driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        """
                        window.__errors = [];
                        window.addEventListener('error', e => window.__errors.push(e.message
                            ? e.message + ' at ' + e.filename + ':' + e.lineno + ':' + e.colno
                            : 'cannot load ' + ((e.target && (e.target.src || e.target.href)) || e.target)), true);
                        window.addEventListener('unhandledrejection',
                            e => window.__errors.push('unhandled rejection: ' + e.reason));
                        """));
        driver.get(out.resolve(WhatIfReport.HTML).toUri().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"true".equals(js("return document.body && document.body.dataset.rendered"))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // Let the charts' entry animations finish before their canvases are read.
        Thread.sleep(1500);
        browserLog = driver.manage().logs().get(LogType.BROWSER).getAll();
        // The whole page as the browser drew it, for a person to look at.
        Object shot =
                driver.executeCdpCommand(
                                "Page.captureScreenshot",
                                Map.of("format", "png", "captureBeyondViewport", true))
                        .get("data");
        Path png = Path.of("target", "whatif-report-browser.png");
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode((String) shot));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void rendersWithNoScriptError() {
        List<String> severe = new ArrayList<>();
        List<String> echartsWarnings = new ArrayList<>();
        for (LogEntry e : browserLog) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(e.toString());
            } else if (e.getMessage().contains("[ECharts]")) {
                echartsWarnings.add(e.toString());
            }
        }
        assertAll(
                () -> assertEquals(List.of(), js("return window.__errors"), "uncaught errors"),
                () -> assertEquals(List.of(), severe, "SEVERE entries in the console log"),
                () -> assertEquals(List.of(), echartsWarnings, "ECharts' console warnings"),
                () -> assertEquals("true", js("return document.body.dataset.rendered")),
                () -> assertEquals("5.3.1", js("return echarts.version"), "the inlined ECharts"));
    }

    @Test
    void loadsNothingFromTheNetwork() throws Exception {
        String html = Files.readString(out.resolve(WhatIfReport.HTML), StandardCharsets.UTF_8);
        // The markup outside the inline scripts (whose code may name URLs in strings).
        String markup =
                Pattern.compile("(?is)(<script\\b[^>]*>).*?</script>")
                        .matcher(html)
                        .replaceAll("$1</script>");
        Matcher remote =
                Pattern.compile("(?i)\\b(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(markup);
        assertFalse(remote.find(), () -> "a remote reference in the page: " + remote.group());
        assertEquals(
                List.of(),
                js(
                        "return Array.from(document.querySelectorAll('[src],[href]'))"
                                + ".map(e => e.src || e.href)"
                                + ".filter(u => !u.startsWith('file:') && !u.startsWith('data:'))"),
                "elements that reference something other than the page's folder");
        assertEquals(
                List.of(),
                js(
                        "return performance.getEntriesByType('resource').map(e => e.name)"
                                + ".filter(u => !u.startsWith('file:') && !u.startsWith('data:'))"),
                "resources the page loaded from elsewhere");
    }

    @Test
    void everyChartIsADrawnEChartsInstance() {
        List<String> scenarios = scenariosCsv.scenarios();
        assertEquals(3, scenarios.size(), "one ALL row per scenario: " + scenarios);
        for (String scenario : scenarios) {
            for (String kind : CHART_KINDS) {
                String id = "chart-" + kind + "-" + scenario;
                @SuppressWarnings("unchecked")
                Map<String, Object> chart =
                        (Map<String, Object>)
                                js(
                                        """
                                        const div = document.getElementById(arguments[0]);
                                        if (!div) return null;
                                        const chart = echarts.getInstanceByDom(div);
                                        const canvas = div.querySelector('canvas');
                                        let painted = 0;
                                        if (canvas && canvas.width > 0 && canvas.height > 0) {
                                          const px = canvas.getContext('2d')
                                              .getImageData(0, 0, canvas.width, canvas.height).data;
                                          for (let i = 3; i < px.length; i += 4) painted += px[i] > 0 ? 1 : 0;
                                        }
                                        return {instance: !!chart,
                                          series: chart ? chart.getOption().series.length : 0,
                                          width: canvas ? canvas.width : 0,
                                          height: canvas ? canvas.height : 0,
                                          painted: painted};
                                        """,
                                        id);
                assertNotNull(chart, "no element #" + id);
                assertEquals(true, chart.get("instance"), id + " holds no ECharts instance");
                assertTrue(((Number) chart.get("series")).longValue() > 0, id + ": " + chart);
                assertTrue(((Number) chart.get("width")).longValue() > 0, id + ": " + chart);
                assertTrue(((Number) chart.get("height")).longValue() > 0, id + ": " + chart);
                assertTrue(
                        ((Number) chart.get("painted")).longValue() > 1000,
                        id + " has a canvas with (almost) nothing drawn: " + chart);
            }
        }
        assertEquals(
                3L * scenarios.size(),
                ((Number) js("return document.querySelectorAll('div.chart').length")).longValue(),
                "three charts per scenario, no others");
    }

    @Test
    void theTablesShowTheCsvRowsCellForCell() {
        assertTable("rows", scenariosCsv, "class");
        assertTable("segment-rows", segmentsCsv, "segment");
        // The fleet has every class the scenarios name, and the segments file gives each segment
        // (and leaves some customers out: UNKNOWN).
        for (String group : List.of("ALL", "RESIDENTIAL", "COMMERCIAL", "GENERAL_INDUSTRY")) {
            assertTrue(scenariosCsv.groups().contains(group), group + " in scenarios.csv");
        }
        for (Segment s : Segment.values()) {
            assertTrue(segmentsCsv.groups().contains(s.name()), s + " in segments.csv");
        }
        assertTrue(segmentsCsv.groups().contains("UNKNOWN"), "UNKNOWN in segments.csv");
    }

    @Test
    void theChartsShowTheCsvFigures() {
        for (String scenario : scenariosCsv.scenarios()) {
            Map<String, String> all = scenariosCsv.row(scenario, "ALL");
            // The load chart: the workday curves' highest and lowest half hours are the CSV's
            // system peak and valley (the chart's points are rounded to the watt, as the CSV).
            List<Double> workdayBefore = seriesData("chart-load-" + scenario, 0);
            List<Double> workdayAfter = seriesData("chart-load-" + scenario, 1);
            assertEquals(48, workdayBefore.size());
            assertEquals(48, workdayAfter.size());
            assertKw(all.get("system_peak_kw_before"), max(workdayBefore), scenario);
            assertKw(all.get("system_valley_kw_before"), min(workdayBefore), scenario);
            assertKw(all.get("system_peak_kw_after"), max(workdayAfter), scenario);
            assertKw(all.get("system_valley_kw_after"), min(workdayAfter), scenario);
            // The histogram counts every customer once.
            double counted = 0;
            for (double c : seriesData("chart-bills-" + scenario, 0)) {
                counted += c;
            }
            assertEquals(Long.parseLong(all.get("customers")), Math.round(counted), scenario);
            // The segment chart: one bar per segment row of segments.csv, in its order; those who
            // pay more are the CSV's share of the segment's customers, and nobody is counted twice.
            List<String> segments = new ArrayList<>();
            for (Map<String, String> row : segmentsCsv.rows()) {
                if (row.get("scenario").equals(scenario)) {
                    segments.add(row.get("segment"));
                }
            }
            assertEquals(segments, xAxisData("chart-segments-" + scenario), scenario);
            List<Double> payMore = seriesData("chart-segments-" + scenario, 0);
            List<Double> payLess = seriesData("chart-segments-" + scenario, 1);
            for (int i = 0; i < segments.size(); i++) {
                Map<String, String> row = segmentsCsv.row(scenario, segments.get(i));
                long customers = Long.parseLong(row.get("customers"));
                double share = Double.parseDouble(row.get("share_paying_more"));
                assertEquals(
                        share * customers,
                        payMore.get(i),
                        0.5,
                        scenario + " " + segments.get(i) + ": pay more");
                assertTrue(
                        payLess.get(i) >= 0 && payMore.get(i) + payLess.get(i) <= customers,
                        scenario + " " + segments.get(i) + ": " + payMore + " " + payLess);
            }
        }
    }

    @Test
    void theScenarioFilesWarningsAreShown() {
        List<String> expected = new ArrayList<>();
        for (TariffWarning w :
                ScenarioFile.load(new StringReader(SCENARIOS), "browser-test.yaml").warnings()) {
            expected.add("Tariff warning: " + w);
        }
        assertFalse(expected.isEmpty(), "the file has no system-peak-valley-gap: a warning");
        assertEquals(
                expected,
                js(
                        "return Array.from(document.querySelectorAll('#warnings p'))"
                                + ".map(p => p.textContent)"));
    }

    /** Every CSV row once, in the CSV's order, and every cell shown equal to the CSV's text. */
    private static void assertTable(String tableId, Csv csv, String groupColumn) {
        @SuppressWarnings("unchecked")
        Map<String, Object> table =
                (Map<String, Object>)
                        js(
                                """
                                const t = document.getElementById(arguments[0]);
                                const rows = Array.from(t.rows);
                                return {
                                  header: Array.from(rows[0].cells).map(c => c.textContent),
                                  rows: rows.slice(1).map(r => ({
                                    scenario: r.dataset.scenario, group: r.dataset.group,
                                    cells: Array.from(r.cells).map(c => [c.dataset.column, c.textContent])}))};
                                """,
                                tableId);
        @SuppressWarnings("unchecked")
        List<String> header = (List<String>) table.get("header");
        assertTrue(header.size() > 2, tableId + " header: " + header);
        assertEquals("scenario", header.get(0), tableId);
        assertEquals(groupColumn, header.get(1), tableId);
        for (String column : header) {
            assertTrue(csv.header().contains(column), tableId + ": '" + column + "' not in CSV");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) table.get("rows");
        List<String> shownKeys = new ArrayList<>();
        for (Map<String, Object> row : shown) {
            shownKeys.add(row.get("scenario") + " / " + row.get("group"));
        }
        List<String> csvKeys = new ArrayList<>();
        for (Map<String, String> row : csv.rows()) {
            csvKeys.add(row.get("scenario") + " / " + row.get(groupColumn));
        }
        assertEquals(csvKeys, shownKeys, tableId + ": the rows, in the CSV's order");
        for (Map<String, Object> row : shown) {
            Map<String, String> expected =
                    csv.row((String) row.get("scenario"), (String) row.get("group"));
            @SuppressWarnings("unchecked")
            List<List<String>> cells = (List<List<String>>) row.get("cells");
            List<String> columns = new ArrayList<>();
            for (List<String> cell : cells) {
                String column = cell.get(0);
                columns.add(column);
                // The page keys the group's cell "class" in both tables (the JSON's key).
                String csvColumn = "class".equals(column) ? groupColumn : column;
                assertEquals(
                        expected.get(csvColumn),
                        cell.get(1),
                        tableId
                                + " "
                                + row.get("scenario")
                                + " / "
                                + row.get("group")
                                + ": "
                                + column);
            }
            List<String> headerAsColumns = new ArrayList<>(header);
            headerAsColumns.set(1, "class");
            assertEquals(headerAsColumns, columns, tableId + ": cells under their headers");
        }
    }

    private static void assertKw(String csv, double chart, String scenario) {
        assertEquals(Double.parseDouble(csv), chart, 0.0015, scenario + ": kW " + csv);
    }

    @SuppressWarnings("unchecked")
    private static List<Double> seriesData(String chartId, int series) {
        List<Object> data =
                (List<Object>)
                        js(
                                "return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                                        + ".getOption().series[arguments[1]].data"
                                        + ".map(v => (v !== null && typeof v === 'object') ? v.value : v)",
                                chartId,
                                series);
        List<Double> values = new ArrayList<>();
        for (Object v : data) {
            values.add(((Number) v).doubleValue());
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static List<String> xAxisData(String chartId) {
        return (List<String>)
                js(
                        "return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                                + ".getOption().xAxis[0].data.map(String)",
                        chartId);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** What is missing of the browser and its driver, or null. */
    private static String missingBrowser() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("Chromium (" + CHROMIUM + ", Debian package chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add("its driver (" + CHROMEDRIVER + ", Debian package chromium-driver)");
        }
        return missing.isEmpty() ? null : "missing " + String.join(" and ", missing);
    }

    /**
     * Headless, as root in CI (no sandbox), with no host name resolvable: file:// is all the page
     * may load.
     */
    private static ChromeDriver startChromium() {
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1280,1600",
                "--host-resolver-rules=MAP * ~NOTFOUND");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        return new ChromeDriver(service, options);
    }

    /**
     * Gives each simulated customer a segment, in turn, and none to every seventh (UNKNOWN on the
     * page), in the monitor's segments.jsonl shape.
     */
    private static Path writeSegments(Path fleet, Path file) throws Exception {
        Pattern id = Pattern.compile("\"customerId\"\\s*:\\s*\"([^\"]+)\"");
        List<String> lines = new ArrayList<>();
        int i = 0;
        for (String line : Files.readAllLines(fleet.resolve("customers.jsonl"))) {
            Matcher m = id.matcher(line);
            if (!m.find()) {
                continue;
            }
            if (i % 7 != 6) {
                Segment segment = Segment.values()[i % Segment.values().length];
                lines.add(
                        "{\"customerId\":\"%s\",\"segment\":\"%s\"}"
                                .formatted(m.group(1), segment));
            }
            i++;
        }
        assertTrue(i >= 200, "customers simulated: " + i);
        Files.write(file, lines);
        return file;
    }

    /** A CSV file of the what-if, read on its own: a header, then rows of plain fields. */
    private record Csv(List<String> header, List<Map<String, String>> rows) {

        static Csv read(Path file) throws Exception {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertFalse(lines.isEmpty(), file + " is empty");
            List<String> header = List.of(lines.get(0).split(",", -1));
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",", -1);
                assertEquals(header.size(), fields.length, file + ": " + line);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < fields.length; i++) {
                    assertFalse(fields[i].contains("\""), file + ": a quoted field: " + line);
                    row.put(header.get(i), fields[i]);
                }
                rows.add(row);
            }
            assertFalse(rows.isEmpty(), file + " has no rows");
            return new Csv(header, rows);
        }

        Map<String, String> row(String scenario, String group) {
            Map<String, String> found = null;
            for (Map<String, String> row : rows) {
                if (row.get(header.get(0)).equals(scenario)
                        && row.get(header.get(1)).equals(group)) {
                    assertEquals(null, found, "two rows for " + scenario + " / " + group);
                    found = row;
                }
            }
            assertNotNull(found, "no CSV row for " + scenario + " / " + group);
            return found;
        }

        List<String> scenarios() {
            List<String> names = new ArrayList<>();
            for (Map<String, String> row : rows) {
                if ("ALL".equals(row.get(header.get(1)))) {
                    names.add(row.get(header.get(0)));
                }
            }
            return names;
        }

        List<String> groups() {
            List<String> groups = new ArrayList<>();
            for (Map<String, String> row : rows) {
                groups.add(row.get(header.get(1)));
            }
            return groups;
        }
    }
}
