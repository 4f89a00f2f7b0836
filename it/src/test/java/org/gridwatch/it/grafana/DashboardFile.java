package org.gridwatch.it.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One dashboard JSON file of grafana/dashboards, read as Grafana's provisioning reads it. */
public record DashboardFile(Path file, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Without a panel width in pixels (none here: there is no browser), Grafana's data points are
     * estimated from the panel's grid width on a 1920-pixel screen: 24 columns of 80 pixels.
     */
    static final int PIXELS_PER_GRID_COLUMN = 80;

    public static DashboardFile read(Path file) {
        try {
            return new DashboardFile(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read dashboard " + file, e);
        }
    }

    /** Every {@code *.json} of the folder, by file name. */
    public static List<DashboardFile> readAll(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(DashboardFile::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list dashboards in " + folder, e);
        }
    }

    public String name() {
        return file.getFileName().toString();
    }

    public String uid() {
        return json.path("uid").asText("");
    }

    public String title() {
        return json.path("title").asText("");
    }

    /** The panels that show data: rows are left out, the panels inside collapsed rows are in. */
    public List<Panel> panels() {
        List<Panel> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                panel.path("panels").forEach(inner -> panels.add(new Panel(inner)));
            } else {
                panels.add(new Panel(panel));
            }
        }
        return panels;
    }

    public List<TemplateVariable> variables() {
        List<TemplateVariable> variables = new ArrayList<>();
        json.path("templating").path("list").forEach(v -> variables.add(TemplateVariable.of(v)));
        return variables;
    }

    /** A panel, with the few settings that decide which queries Grafana sends for it. */
    public record Panel(JsonNode json) {

        public String title() {
            return json.path("title").asText("(untitled panel " + json.path("id").asText() + ")");
        }

        public String type() {
            return json.path("type").asText("");
        }

        public List<JsonNode> targets() {
            List<JsonNode> targets = new ArrayList<>();
            json.path("targets").forEach(targets::add);
            return targets;
        }

        /** The panel's data source uid, which its targets inherit unless they name their own. */
        public String datasourceUid() {
            return json.path("datasource").path("uid").asText("");
        }

        public String datasourceUid(JsonNode target) {
            return target.path("datasource").path("uid").asText(datasourceUid());
        }

        /** The panel's minimum interval ("Min interval" in the query options), if it sets one. */
        public String minInterval() {
            return json.path("interval").asText("");
        }

        public int maxDataPoints() {
            if (json.hasNonNull("maxDataPoints")) {
                return json.get("maxDataPoints").asInt();
            }
            int width = json.path("gridPos").path("w").asInt(12);
            return Math.max(1, width) * PIXELS_PER_GRID_COLUMN;
        }
    }
}
