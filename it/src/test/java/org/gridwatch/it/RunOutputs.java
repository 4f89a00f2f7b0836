package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.core.event.Output;

/**
 * Everything one run of the monitor job wrote: the replay's files, the output topics read committed
 * (when it wrote to Kafka), and every point of every measurement in its InfluxDB database. Two runs
 * over the same input compare equal when nothing was lost or duplicated.
 */
record RunOutputs(
        Map<String, List<String>> files,
        Map<String, List<String>> topics,
        Map<String, Map<String, List<Object>>> points) {

    /** The measurements the job writes. */
    static final List<String> MEASUREMENTS =
            List.of(
                    "load",
                    "tou",
                    "area_supply",
                    "ingest",
                    "rejected",
                    "peak_valley",
                    "segments",
                    "revenue_concentration",
                    "worklist",
                    "supply_reliability",
                    "theft_scores");

    /**
     * Reads a run's outputs. The customer master's arrival count ({@code ingest} of source
     * customers) is left out: the master has no event time, so it is counted in the quarter hour
     * event time has reached when it is read, which depends on timing.
     */
    static RunOutputs read(Path outDir, String bootstrapServers, String influxUrl, String db)
            throws Exception {
        Map<String, List<String>> files = new TreeMap<>();
        for (String name :
                List.of(
                        Output.BILLS.fileName(),
                        Output.SEGMENTS.fileName(),
                        Output.REJECTED.fileName(),
                        Output.ALERTS.fileName(),
                        Output.THEFT_SCORES.fileName(),
                        "interruptions.jsonl")) {
            Path f = outDir.resolve(name);
            files.put(name, Files.exists(f) ? sorted(Files.readAllLines(f)) : List.of());
        }
        Map<String, List<String>> topics = new TreeMap<>();
        if (bootstrapServers != null) {
            for (Output o :
                    List.of(Output.BILLS, Output.SEGMENTS, Output.REJECTED, Output.THEFT_SCORES)) {
                topics.put(o.topic(), sorted(OutputTopic.read(bootstrapServers, o.topic())));
            }
        }
        Map<String, Map<String, List<Object>>> points = new TreeMap<>();
        if (influxUrl != null) {
            InfluxSeries series = new InfluxSeries(influxUrl, db);
            for (String m : MEASUREMENTS) {
                points.put(
                        m,
                        series.points(
                                m,
                                "*",
                                m.equals("ingest") ? "WHERE \"source\" != 'customers'" : ""));
            }
        }
        return new RunOutputs(files, topics, points);
    }

    /** Asserts that this run wrote exactly what {@code reference} wrote, output by output. */
    void assertSameAs(RunOutputs reference) {
        reference.files.forEach(
                (file, lines) -> assertThat(files.get(file)).as(file).isEqualTo(lines));
        reference.topics.forEach(
                (topic, records) ->
                        assertThat(topics.get(topic)).as("topic " + topic).isEqualTo(records));
        reference.points.forEach(
                (m, p) -> assertThat(points.get(m)).as("InfluxDB " + m).isEqualTo(p));
    }

    /** How many lines, records and points there are in all: what a comparison covered. */
    long size() {
        long n = 0;
        for (List<String> l : files.values()) {
            n += l.size();
        }
        for (List<String> l : topics.values()) {
            n += l.size();
        }
        for (Map<String, List<Object>> m : points.values()) {
            n += m.size();
        }
        return n;
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        Collections.sort(copy);
        return copy;
    }
}
