package org.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Severity;

/**
 * One version of an alert as the contract's JSON line says it (topic {@code alerts}, file {@code
 * alerts.jsonl}), for {@code gridwatch alerts}.
 *
 * @param valueAtRiskCny NaN when the line has none
 * @param evidence the evidence object's JSON, keys in order
 */
record AlertRow(
        String alertId,
        String customerId,
        String areaId,
        AlertType type,
        Severity severity,
        double score,
        double valueAtRiskCny,
        AlertStatus status,
        String rule,
        long tsMillis,
        JsonNode evidence) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The inspectors' ranking key, as {@code Alert.priority()}: score × value at risk. */
    double priority() {
        return Double.isNaN(valueAtRiskCny) ? score : score * valueAtRiskCny;
    }

    /** Parses one line; an IllegalArgumentException says what is wrong with it. */
    static AlertRow parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            return new AlertRow(
                    required(n, "alertId"),
                    text(n, "customerId"),
                    text(n, "areaId"),
                    AlertType.valueOf(required(n, "type")),
                    Severity.valueOf(required(n, "severity")),
                    n.path("score").asDouble(Double.NaN),
                    n.hasNonNull("valueAtRiskCny")
                            ? n.get("valueAtRiskCny").asDouble()
                            : Double.NaN,
                    n.hasNonNull("status")
                            ? AlertStatus.valueOf(n.get("status").asText())
                            : AlertStatus.OPEN,
                    text(n, "rule"),
                    OffsetDateTime.parse(required(n, "ts")).toInstant().toEpochMilli(),
                    n.path("evidence"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ts is not a timestamp: " + n.path("ts").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** The evidence as {@code key=value; …} in key order, cut at {@code max} characters. */
    String evidenceSummary(int max) {
        if (evidence == null || !evidence.isObject() || evidence.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = evidence.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (sb.length() > 0) {
                sb.append("; ");
            }
            JsonNode v = e.getValue();
            sb.append(e.getKey()).append('=').append(v.isValueNode() ? brief(v) : v.toString());
        }
        return sb.length() <= max ? sb.toString() : sb.substring(0, max - 1) + "…";
    }

    private static String brief(JsonNode v) {
        if (v.isFloatingPointNumber() && v.asDouble() != Math.rint(v.asDouble())) {
            return new java.math.BigDecimal(v.asDouble())
                    .round(new java.math.MathContext(4))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return v.asText();
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static String required(JsonNode n, String field) {
        if (!n.hasNonNull(field)) {
            throw new IllegalArgumentException("no " + field);
        }
        return n.get(field).asText();
    }
}
