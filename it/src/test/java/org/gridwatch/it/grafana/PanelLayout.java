package org.gridwatch.it.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Layout mistakes the schema cannot see: Grafana silently moves overlapping panels and mixes up
 * panels that share an id (links, edits and "view panel" follow the id).
 */
final class PanelLayout {

    private static final int GRID_COLUMNS = 24;

    private PanelLayout() {}

    static List<String> problems(JsonNode panels) {
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        List<JsonNode> placed = new ArrayList<>();
        for (JsonNode panel : panels) {
            checkId(panel, ids, problems);
            panel.path("panels").forEach(inner -> checkId(inner, ids, problems));
            JsonNode grid = panel.path("gridPos");
            if (grid.isMissingNode()) {
                continue;
            }
            if (grid.path("x").asInt() + grid.path("w").asInt() > GRID_COLUMNS) {
                problems.add(name(panel) + " reaches past the " + GRID_COLUMNS + " grid columns");
            }
            for (JsonNode other : placed) {
                if (overlap(grid, other.path("gridPos"))) {
                    problems.add(name(panel) + " overlaps " + name(other));
                }
            }
            placed.add(panel);
        }
        return problems;
    }

    private static void checkId(JsonNode panel, Set<Integer> ids, List<String> problems) {
        if (panel.has("id") && !ids.add(panel.get("id").asInt())) {
            problems.add(
                    name(panel) + " has the id " + panel.get("id").asInt() + " of another panel");
        }
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    private static String name(JsonNode panel) {
        return "panel '" + panel.path("title").asText("id " + panel.path("id").asText()) + "'";
    }
}
