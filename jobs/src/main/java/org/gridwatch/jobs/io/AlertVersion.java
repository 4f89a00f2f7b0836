package org.gridwatch.jobs.io;

import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.metric.MetricPoint;

/**
 * One version of an alert as the InfluxDB outputs need it: what identifies and counts it, and its
 * worklist fields already in line protocol. A Flink POJO, so no {@link Alert} (whose evidence map
 * only Kryo could carry) crosses the network or sits in state.
 */
public final class AlertVersion {
    /** The {@code area} tag of an alert without an area. */
    static final String NO_AREA = "NONE";

    /** At most this many characters of evidence go to the worklist's {@code evidence} field. */
    static final int EVIDENCE_CHARS = 160;

    public String alertId;
    public String type;
    public String area;
    public String severity;
    public String status;
    public long tsMillis;

    /**
     * The worklist point's fields except {@code since} and {@code updated}: {@code alert_id},
     * {@code customer}, {@code meter} (strings, when known), {@code severity}, {@code status},
     * {@code rule}, {@code evidence} (strings), {@code score}, {@code priority}, {@code
     * value_at_risk}, {@code amount_owed} (floats; the last two when known).
     */
    public String fields;

    public AlertVersion() {}

    static AlertVersion of(Alert a) {
        AlertVersion v = new AlertVersion();
        v.alertId = a.alertId();
        v.type = a.type().name();
        v.area = a.areaId() == null || a.areaId().isEmpty() ? NO_AREA : a.areaId();
        v.severity = a.severity().name();
        v.status = a.status().name();
        v.tsMillis = a.tsMillis();
        StringBuilder f = new StringBuilder(256);
        string(f, "alert_id", a.alertId());
        string(f, "customer", a.customerId());
        string(f, "meter", a.meterId());
        string(f, "severity", v.severity);
        string(f, "status", v.status);
        string(f, "rule", a.rule());
        string(f, "evidence", evidenceSummary(a.evidence(), EVIDENCE_CHARS));
        number(f, "score", a.score());
        number(f, "priority", a.priority());
        number(f, "value_at_risk", a.valueAtRiskCny());
        number(f, "amount_owed", a.amountOwedCny());
        v.fields = f.toString();
        return v;
    }

    /** The group whose points must not share a timestamp: the worklist's tag set. */
    String series() {
        return "area=" + escapeTag(area) + ",type=" + escapeTag(type);
    }

    /**
     * The evidence as {@code key=value; key=value} in key order, numbers with at most 4 significant
     * decimals, cut at {@code max} characters with an ellipsis.
     */
    public static String evidenceSummary(Map<String, Object> evidence, int max) {
        if (evidence == null || evidence.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : new TreeMap<>(evidence).entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append('=').append(brief(e.getValue()));
        }
        return sb.length() <= max ? sb.toString() : sb.substring(0, max - 1) + "…";
    }

    private static String brief(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d) && d != Math.rint(d)) {
                return new java.math.BigDecimal(d)
                        .round(new java.math.MathContext(4))
                        .stripTrailingZeros()
                        .toPlainString();
            }
            if (Double.isFinite(d)) {
                return String.valueOf((long) d);
            }
        }
        return String.valueOf(value);
    }

    static void string(StringBuilder f, String key, String value) {
        if (value == null) {
            return;
        }
        separator(f).append(key).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                f.append('\\');
            }
            // A line break would end the point: line protocol has no escape for it.
            f.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        f.append('"');
    }

    static void number(StringBuilder f, String key, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        // The same digits MetricPoint writes: a float field, never an integer one.
        String point = MetricPoint.of("x").field(key, value).at(0).fields();
        separator(f).append(point);
    }

    private static StringBuilder separator(StringBuilder f) {
        return f.length() > 0 ? f.append(',') : f;
    }

    static String escapeTag(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '=') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
