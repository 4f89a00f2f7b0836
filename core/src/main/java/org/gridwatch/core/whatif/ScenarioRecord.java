package org.gridwatch.core.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.RejectReason;

/**
 * A live what-if scenario (topic {@code tariff-scenarios}, file {@code tariff-scenarios.jsonl}):
 * one scenario of a scenario file, written as a JSON object with the same keys (docs/whatif.md), or
 * {@code {"name":"x","removed":true}} to stop it. A later record of the same name replaces the
 * earlier one (a compacted topic).
 *
 * <p>Flink record and broadcast state: public no-arg constructor, public fields; the scenario
 * travels as its JSON text and is read again where it is used.
 */
public final class ScenarioRecord implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper();

    public String name;
    public boolean removed;

    /** The scenario as received (JSON is YAML, so the scenario file's reader reads it). */
    public String json;

    public ScenarioRecord() {}

    /** Parses and checks one record: a removal, or a scenario the scenario file's rules accept. */
    public static Parsed<ScenarioRecord> parse(String raw) {
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (Exception e) {
            return new Parsed.Bad<>(RejectReason.NOT_JSON, e.getMessage(), Long.MIN_VALUE);
        }
        if (node == null || !node.isObject()) {
            return new Parsed.Bad<>(
                    RejectReason.NOT_OBJECT, "a scenario is a JSON object", Long.MIN_VALUE);
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            return new Parsed.Bad<>(
                    RejectReason.MISSING_FIELD, "name: a scenario needs one", Long.MIN_VALUE);
        }
        ScenarioRecord record = new ScenarioRecord();
        record.name = name.asText().trim();
        record.json = raw;
        if (node.path("removed").asBoolean(false)) {
            record.removed = true;
            return new Parsed.Ok<>(record);
        }
        try {
            record.scenario();
        } catch (ScenarioFileException e) {
            return new Parsed.Bad<>(
                    RejectReason.BAD_SCENARIO, String.join("; ", e.problems()), Long.MIN_VALUE);
        }
        return new Parsed.Ok<>(record);
    }

    /**
     * The scenario it carries.
     *
     * @throws ScenarioFileException if the scenario file's rules refuse it
     */
    public WhatIfScenario scenario() {
        return ScenarioFile.load(
                        new StringReader("{\"scenarios\": [" + json + "]}"), "tariff-scenarios")
                .scenarios()
                .get(0);
    }
}
