package org.gridwatch.it.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a dashboard's {@code templating.list}, as far as interpolation needs it.
 *
 * @param query the InfluxQL of a query variable, the comma-separated values of a custom one, the
 *     value of a constant or textbox; empty for other types
 * @param current the values saved as selected; {@code ["$__all"]} when "All" is selected
 */
public record TemplateVariable(
        String name,
        String type,
        String query,
        boolean multi,
        boolean includeAll,
        String allValue,
        List<String> current) {

    /** Grafana's value for the "All" option. */
    public static final String ALL = "$__all";

    public TemplateVariable {
        current = List.copyOf(current);
    }

    static TemplateVariable of(JsonNode json) {
        JsonNode query = json.path("query");
        // Newer editors store {"query": "...", "refId": ...}; older ones a plain string.
        String queryText = query.isObject() ? query.path("query").asText("") : query.asText("");
        String allValue = json.hasNonNull("allValue") ? json.get("allValue").asText() : null;
        if (allValue != null && allValue.isEmpty()) {
            allValue = null;
        }
        return new TemplateVariable(
                json.path("name").asText(),
                json.path("type").asText(),
                queryText,
                json.path("multi").asBoolean(false),
                json.path("includeAll").asBoolean(false),
                allValue,
                textValues(json.path("current").path("value")));
    }

    /** True when Grafana runs {@link #query} against the data source to list the options. */
    public boolean isQuery() {
        return type.equals("query");
    }

    /** The options that do not need the data source: custom, constant and textbox variables. */
    List<String> staticOptions() {
        return switch (type) {
            case "custom" -> {
                List<String> options = new ArrayList<>();
                for (String option : query.split(",")) {
                    if (!option.isBlank()) {
                        options.add(option.strip());
                    }
                }
                yield options;
            }
            case "constant", "textbox" -> List.of(query);
            default -> List.of();
        };
    }

    /**
     * The InfluxDB data source regex-escapes the values of variables that allow several values or
     * "All", and joins several as {@code (a|b)}: such a variable belongs in {@code =~ /^$v$/}.
     */
    boolean formatsAsRegex() {
        return multi || includeAll;
    }

    private static List<String> textValues(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            values.add(node.asText());
        }
        return values;
    }
}
