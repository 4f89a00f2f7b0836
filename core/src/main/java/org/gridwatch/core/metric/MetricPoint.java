package org.gridwatch.core.metric;

/**
 * One point of a time series for the dashboards, already in InfluxDB line-protocol parts: {@code
 * measurement,tags fields timestamp}. Tags are per area, class, source, reason — never per customer
 * (cardinality kills InfluxDB). The timestamp is event time, so a replay rewrites the same point.
 *
 * @param tags escaped and sorted {@code k=v,k=v}, or empty
 * @param fields escaped {@code k=v,k=vi}
 */
public record MetricPoint(String measurement, String tags, String fields, long timeMillis) {

    public static Builder of(String measurement) {
        return new Builder(measurement);
    }

    /** The point in InfluxDB line protocol with millisecond precision. */
    public String toLineProtocol() {
        StringBuilder sb =
                new StringBuilder(measurement.length() + tags.length() + fields.length() + 24);
        sb.append(measurement);
        if (!tags.isEmpty()) {
            sb.append(',').append(tags);
        }
        return sb.append(' ').append(fields).append(' ').append(timeMillis).toString();
    }

    /** The value of a tag, or null. */
    public String tag(String key) {
        return lookup(tags, key);
    }

    /** The value of a numeric field, or NaN when the point has no such field. */
    public double field(String key) {
        String v = lookup(fields, key);
        if (v == null) {
            return Double.NaN;
        }
        return Double.parseDouble(v.endsWith("i") ? v.substring(0, v.length() - 1) : v);
    }

    private static String lookup(String pairs, String key) {
        String prefix = key + "=";
        int from = 0;
        while (from < pairs.length()) {
            int comma = pairs.indexOf(',', from);
            int end = comma < 0 ? pairs.length() : comma;
            if (pairs.startsWith(prefix, from)) {
                return pairs.substring(from + prefix.length(), end);
            }
            from = end + 1;
        }
        return null;
    }

    /** Builds a point; add tags in alphabetical order of key (InfluxDB's canonical order). */
    public static final class Builder {
        private final String measurement;
        private final StringBuilder tags = new StringBuilder();
        private final StringBuilder fields = new StringBuilder();
        private String lastTagKey = "";

        private Builder(String measurement) {
            this.measurement = measurement;
        }

        public Builder tag(String key, String value) {
            if (key.compareTo(lastTagKey) <= 0) {
                throw new IllegalArgumentException("tags must be added in key order: " + key);
            }
            lastTagKey = key;
            if (tags.length() > 0) {
                tags.append(',');
            }
            tags.append(key).append('=');
            escape(value, tags);
            return this;
        }

        public Builder field(String key, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        key + "=" + value + ": InfluxDB takes finite numbers only");
            }
            separator().append(key).append('=');
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                fields.append((long) value).append(".0");
            } else {
                fields.append(value);
            }
            return this;
        }

        public Builder field(String key, long value) {
            separator().append(key).append('=').append(value).append('i');
            return this;
        }

        private StringBuilder separator() {
            return fields.length() > 0 ? fields.append(',') : fields;
        }

        public MetricPoint at(long timeMillis) {
            if (fields.length() == 0) {
                throw new IllegalStateException("a point needs at least one field");
            }
            return new MetricPoint(measurement, tags.toString(), fields.toString(), timeMillis);
        }

        /** Line protocol escapes commas, spaces and equals signs in tag values. */
        private static void escape(String value, StringBuilder out) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ',' || c == ' ' || c == '=') {
                    out.append('\\');
                }
                out.append(c);
            }
        }
    }
}
