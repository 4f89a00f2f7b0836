package org.gridwatch.it.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Grafana's dashboard and panel schemas (draft-07, from Grafana's foundation SDK), read from the
 * repository's copy ({@link RepoLayout#grafanaSchemas()}, whose README says where they come from)
 * and nowhere else.
 *
 * <p>How the files relate: each one is self-contained. Every {@code $ref} is local ({@code
 * #/definitions/...}); the panel files carry their own copies of the common definitions instead of
 * referring to common.jsonschema.json. dashboard.jsonschema.json checks the dashboard and each
 * panel's frame, but leaves a panel's {@code options} and {@code fieldConfig.defaults.custom} open,
 * because they depend on the panel type. So a panel is checked a second time against its type's
 * file: {@code options} against {@code definitions/Options} and {@code custom} against {@code
 * definitions/FieldConfig}, which the harness addresses as JSON pointers into the local file.
 * Loading anything that is not a local file is refused, so a schema can never be fetched from the
 * network.
 */
public final class GrafanaSchemas {

    private static final String DASHBOARD_FILE = "dashboard.jsonschema.json";
    private static final String SUFFIX = ".jsonschema.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final JsonSchemaFactory factory;
    private final JsonSchema dashboard;
    private final Set<String> panelTypes;
    private final Map<String, Optional<JsonSchema>> definitions = new HashMap<>();

    private GrafanaSchemas(Path folder) {
        this.folder = folder;
        this.factory =
                JsonSchemaFactory.getInstance(
                        SpecVersion.VersionFlag.V7,
                        builder ->
                                builder.schemaLoaders(
                                        loaders ->
                                                loaders.add(
                                                        new AllowSchemaLoader(
                                                                iri ->
                                                                        iri.toString()
                                                                                .startsWith(
                                                                                        "file:")))));
        this.dashboard = factory.getSchema(SchemaLocation.of(uri(DASHBOARD_FILE)));
        this.panelTypes = findPanelTypes();
    }

    public static GrafanaSchemas load(Path folder) {
        if (!Files.isRegularFile(folder.resolve(DASHBOARD_FILE))) {
            throw new IllegalStateException(
                    "No "
                            + DASHBOARD_FILE
                            + " in "
                            + folder
                            + ": the repository's copy of Grafana's schemas is missing");
        }
        return new GrafanaSchemas(folder);
    }

    /** The panel types that have a schema file with panel options. */
    public Set<String> panelTypes() {
        return panelTypes;
    }

    private Set<String> findPanelTypes() {
        Set<String> types = new TreeSet<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    String type = name.substring(0, name.length() - SUFFIX.length());
                    if (schemaFile(type).path("definitions").has("Options")) {
                        types.add(type);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(types);
    }

    /** Every schema violation of the dashboard, each as "where: what". Empty when it is valid. */
    public List<String> problems(DashboardFile file) {
        List<String> problems = new ArrayList<>();
        // The dashboard schema lets a panel be a Panel or a RowPanel (oneOf): validated in one go,
        // a wrong panel gets the complaints of both branches. So the frame is validated without
        // its panels, and each panel against the one definition its type selects.
        JsonNode frame = file.json();
        if (frame.isObject() && frame.has("panels")) {
            frame = frame.deepCopy();
            ((ObjectNode) frame).set("panels", JSON.createArrayNode());
        }
        for (ValidationMessage message : dashboard.validate(frame)) {
            problems.add("dashboard " + message.getMessage());
        }
        for (JsonNode panel : file.json().path("panels")) {
            boolean row = panel.path("type").asText().equals("row");
            String where = "panel '" + panel.path("title").asText("id " + panel.path("id")) + "'";
            validate("dashboard", row ? "RowPanel" : "Panel", panel, where, problems);
        }
        for (DashboardFile.Panel panel : file.panels()) {
            problems.addAll(panelProblems(panel));
        }
        return problems;
    }

    private List<String> panelProblems(DashboardFile.Panel panel) {
        List<String> problems = new ArrayList<>();
        String where = "panel '" + panel.title() + "' (" + panel.type() + ")";
        if (!panelTypes().contains(panel.type())) {
            problems.add(
                    where
                            + ": no schema for panel type '"
                            + panel.type()
                            + "' among "
                            + new TreeSet<>(panelTypes));
            return problems;
        }
        JsonNode options = panel.json().get("options");
        if (options != null) {
            validate(panel.type(), "Options", options, where + " options", problems);
        }
        JsonNode fieldConfig = panel.json().path("fieldConfig");
        JsonNode custom = fieldConfig.path("defaults").get("custom");
        if (custom != null) {
            validate(
                    panel.type(),
                    "FieldConfig",
                    custom,
                    where + " fieldConfig.defaults.custom",
                    problems);
        }
        for (JsonNode override : fieldConfig.path("overrides")) {
            for (JsonNode property : override.path("properties")) {
                String id = property.path("id").asText();
                if (id.startsWith("custom.")) {
                    ObjectNode one = JSON.createObjectNode();
                    one.set(id.substring("custom.".length()), property.path("value"));
                    validate(panel.type(), "FieldConfig", one, where + " override " + id, problems);
                }
            }
        }
        for (JsonNode target : panel.targets()) {
            if (target.path("datasource").path("type").asText().equals("datasource")) {
                // Queries that reuse another panel's results: the "-- Dashboard --" data source.
                validate("datasource", "Dataquery", target, where + " target", problems);
            }
        }
        return problems;
    }

    private void validate(
            String type, String definition, JsonNode value, String where, List<String> problems) {
        Optional<JsonSchema> schema = definition(type, definition);
        if (schema.isEmpty()) {
            if (!(value.isObject() && value.isEmpty())) {
                problems.add(
                        where
                                + ": the "
                                + type
                                + " schema has no "
                                + definition
                                + ", so this must be empty");
            }
            return;
        }
        for (ValidationMessage message : schema.get().validate(value)) {
            problems.add(where + " " + message.getMessage());
        }
    }

    private Optional<JsonSchema> definition(String type, String definition) {
        String file = type + SUFFIX;
        return definitions.computeIfAbsent(
                file + "#" + definition,
                key ->
                        schemaFile(type).path("definitions").has(definition)
                                ? Optional.of(
                                        factory.getSchema(
                                                SchemaLocation.of(
                                                        uri(file) + "#/definitions/" + definition)))
                                : Optional.empty());
    }

    private JsonNode schemaFile(String type) {
        try {
            return JSON.readTree(folder.resolve(type + SUFFIX).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the " + type + " schema", e);
        }
    }

    private String uri(String file) {
        return folder.resolve(file).toUri().toString();
    }
}
