package org.gridwatch.jobs.whatif;

import java.io.Serializable;
import java.io.StringReader;
import org.gridwatch.core.whatif.ScenarioFile;
import org.gridwatch.jobs.PricingFiles;
import org.gridwatch.jobs.influx.InfluxSettings;

/**
 * What the what-if job needs, carried inside the job as text (as {@link PricingFiles} carries the
 * tariffs), so TaskManagers need none of the files.
 *
 * @param inputDir the folder of recorded history (customers.jsonl, readings.jsonl)
 * @param segmentsFile the monitor's segments.jsonl for the by-segment figures, or null
 * @param outDir where scenarios.csv, segments.csv and report.html go
 * @param pricing today's tariffs and the holiday calendar
 * @param scenariosFile the scenario file's name, for messages
 * @param scenariosYaml its content
 * @param influx where to write the results as points too, or null
 * @param runMillis when the run started (wall clock): the points' timestamp
 */
public record WhatIfSettings(
        String inputDir,
        String segmentsFile,
        String outDir,
        PricingFiles pricing,
        String scenariosFile,
        String scenariosYaml,
        InfluxSettings influx,
        long runMillis)
        implements Serializable {

    public ScenarioFile.Scenarios scenarios() {
        return ScenarioFile.load(new StringReader(scenariosYaml), scenariosFile);
    }
}
