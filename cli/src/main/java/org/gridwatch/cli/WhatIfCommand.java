package org.gridwatch.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.tariff.TariffWarning;
import org.gridwatch.core.whatif.ScenarioFile;
import org.gridwatch.core.whatif.ScenarioFileException;
import org.gridwatch.jobs.MonitorArgs;
import org.gridwatch.jobs.PricingFiles;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.whatif.WhatIfJob;
import org.gridwatch.jobs.whatif.WhatIfReport;
import org.gridwatch.jobs.whatif.WhatIfSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridwatch whatif}: the planners' tariff what-if over recorded history. */
@Command(
        name = "whatif",
        header = "Tariff what-if: every scenario of a file against today's tariffs, over history.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Builds each customer's load signature (kWh by month, day type and half hour) once from"
                    + " the recorded readings, prices every scenario of --scenarios from it with"
                    + " the billing engine, and writes scenarios.csv (all customers and each"
                    + " class), segments.csv (each segment) and report.html (charts; opens"
                    + " offline) to --out. A Flink job in batch mode, in this process.",
            "Scenario file format, response model and every output column: docs/whatif.md.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  gridwatch whatif --input runs/jan --scenarios docs/examples/scenarios.yaml --out"
                    + " runs/jan-whatif",
            "  gridwatch whatif --input runs/jan --segments runs/jan-out/segments.jsonl"
                    + " --scenarios my.yaml --out runs/whatif"
        })
public final class WhatIfCommand implements Callable<Integer> {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Spec CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "DIR",
            description = "Recorded history: a folder with customers.jsonl and readings.jsonl.")
    Path input;

    @Option(
            names = "--scenarios",
            required = true,
            paramLabel = "FILE",
            description = "The scenario file (YAML; docs/whatif.md).")
    Path scenarios;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Where scenarios.csv, segments.csv and report.html go.")
    Path out;

    @Option(
            names = "--segments",
            paramLabel = "FILE",
            description =
                    "The monitor's segments.jsonl, for the figures by segment (default:"
                            + " segments.jsonl in --input if there is one; else every customer is"
                            + " UNKNOWN).")
    Path segments;

    @Option(
            names = "--tariffs",
            paramLabel = "FILE",
            description = "Today's tariffs (default: the shipped presets; docs/tariffs.md).")
    Path tariffs;

    @Option(
            names = "--holidays",
            paramLabel = "FILE",
            description = "Holiday calendar (default: the shipped Chinese calendar of 2026).")
    Path holidays;

    @Option(
            names = "--influx",
            paramLabel = "URL",
            description =
                    "Also write the results to the InfluxDB at this URL (measurement whatif, for"
                            + " the Planner dashboard), e.g. http://localhost:8086.")
    String influx;

    @Option(
            names = "--influx-db",
            paramLabel = "DB",
            defaultValue = InfluxSettings.DEFAULT_DATABASE,
            description = "InfluxDB database (default: ${DEFAULT-VALUE}).")
    String influxDb;

    @Option(
            names = "--influx-user",
            paramLabel = "U",
            description =
                    "InfluxDB user; the password comes from the environment variable "
                            + MonitorArgs.PASSWORD_VARIABLE
                            + ".")
    String influxUser;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Parallel tasks of each operator (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--quiet", description = "Do not show progress on standard error.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        WhatIfSettings settings = settings();
        ScenarioFile.Scenarios loaded = settings.scenarios();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (TariffWarning warning : loaded.warnings()) {
            err.println("whatif: warning: " + warning);
        }
        long started = System.nanoTime();
        try (LocalFlink flink = LocalFlink.start(parallelism, 0)) {
            StreamExecutionEnvironment env = flink.environment();
            new WhatIfJob(settings).build(env);
            JobID job = flink.submit(env, "GridWatch what-if");
            if (!quiet) {
                err.println(
                        "whatif: "
                                + loaded.scenarios().size()
                                + " scenario(s) over "
                                + input
                                + ", parallelism "
                                + parallelism);
                err.flush();
            }
            CompletableFuture<JobResult> result = flink.result(job);
            Map<String, Long> counts = Map.of();
            while (!result.isDone()) {
                try {
                    result.get(
                            PROGRESS_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    counts = counts(flink, job, counts);
                    if (!quiet) {
                        err.printf(
                                "whatif: %ds: %,d readings read, %,d customers priced%n",
                                (System.nanoTime() - started) / 1_000_000_000L,
                                counts.getOrDefault(WhatIfJob.READINGS, 0L),
                                counts.getOrDefault(WhatIfJob.PRICED, 0L));
                        err.flush();
                    }
                }
            }
            Throwable failure = LocalFlink.failure(result.get());
            if (failure != null) {
                throw new IllegalStateException("the job failed: " + LocalFlink.reason(failure));
            }
            summary(out, started);
        }
        return 0;
    }

    private static Map<String, Long> counts(LocalFlink flink, JobID job, Map<String, Long> last) {
        Map<String, Long> now = new java.util.HashMap<>(last);
        for (String metric : List.of(WhatIfJob.READINGS, WhatIfJob.PRICED)) {
            flink.metricSum(job, metric).ifPresent(v -> now.put(metric, v));
        }
        return now;
    }

    private void summary(PrintWriter out, long started) throws java.io.IOException {
        Path csv = out().resolve(WhatIfReport.CSV);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        out.printf(
                "whatif: done in %.1f s; %s, %s and %s in %s%n",
                (System.nanoTime() - started) / 1e9,
                WhatIfReport.CSV,
                WhatIfReport.SEGMENTS_CSV,
                WhatIfReport.HTML,
                out());
        List<String> header = List.of(lines.get(0).split(","));
        out.printf(
                "%-28s %9s %14s %9s %9s %9s %11s%n",
                "scenario (all customers)",
                "customers",
                "revenue CNY",
                "change %",
                "p50 CNY",
                "pay more",
                "peak kWh %");
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            if (!"ALL".equals(v[1])) {
                continue;
            }
            double peakBefore = Double.parseDouble(v[header.indexOf("peak_kwh_before")]);
            double peakAfter = Double.parseDouble(v[header.indexOf("peak_kwh_after")]);
            out.printf(
                    "%-28s %9s %14s %9s %9s %8.1f%% %10.2f%%%n",
                    v[0],
                    v[header.indexOf("customers")],
                    v[header.indexOf("revenue_after_cny")],
                    v[header.indexOf("revenue_change_pct")],
                    v[header.indexOf("bill_change_p50_cny")],
                    100 * Double.parseDouble(v[header.indexOf("share_paying_more")]),
                    peakBefore == 0 ? 0 : 100 * (peakAfter - peakBefore) / peakBefore);
        }
        out.flush();
    }

    private Path out() {
        return out.toAbsolutePath();
    }

    WhatIfSettings settings() {
        if (!Files.isDirectory(input)) {
            throw new ParameterException(
                    spec.commandLine(), "--input: " + input + " is not a folder");
        }
        if (parallelism < 1) {
            throw new ParameterException(spec.commandLine(), "--parallelism must be at least 1");
        }
        String yaml;
        try {
            yaml = Files.readString(scenarios, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ParameterException(
                    spec.commandLine(), "--scenarios: " + scenarios + ": no such file");
        } catch (java.io.IOException e) {
            throw new ParameterException(
                    spec.commandLine(), "--scenarios: " + scenarios + ": " + e.getMessage());
        }
        try {
            ScenarioFile.load(new java.io.StringReader(yaml), scenarios.toString());
        } catch (ScenarioFileException e) {
            throw new ParameterException(
                    spec.commandLine(), "--scenarios: " + String.join("; ", e.problems()));
        }
        PricingFiles pricing;
        try {
            pricing = MonitorArgs.pricing(tariffs, holidays);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path segmentsFile = segments;
        if (segmentsFile == null && Files.isRegularFile(input.resolve("segments.jsonl"))) {
            segmentsFile = input.resolve("segments.jsonl");
        }
        return new WhatIfSettings(
                input.toAbsolutePath().toString(),
                segmentsFile == null ? null : segmentsFile.toAbsolutePath().toString(),
                out.toAbsolutePath().toString(),
                pricing,
                scenarios.toString(),
                yaml,
                influx == null
                        ? null
                        : MonitorArgs.influx(
                                influx, influxDb, influxUser, null, null, System.getenv()),
                System.currentTimeMillis());
    }
}
