package org.gridwatch.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What an InfluxQL query returned: the series of all its statements, in order. Values are as
 * InfluxDB's JSON has them: time as an RFC 3339 string, numbers as {@code Long} or {@code Double}
 * (a float field holding 2.0 comes back as the Long 2, so read numbers as {@link Number}), strings,
 * booleans, and null where a row has no value.
 */
public record QueryResult(List<Series> series) {

    public QueryResult {
        series = List.copyOf(series);
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }

    /** One series: a measurement and, with GROUP BY, one combination of tag values. */
    public record Series(
            String name, Map<String, String> tags, List<String> columns, List<List<Object>> rows) {

        public Series {
            tags = Map.copyOf(tags);
            columns = List.copyOf(columns);
            // Not List.copyOf: rows may hold nulls.
            rows = rows.stream().map(Series::unmodifiable).toList();
        }

        /** The values of one column, row by row. */
        public List<Object> column(String column) {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException(
                        "Series " + name + " has no column " + column + "; it has " + columns);
            }
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                values.add(row.get(index));
            }
            return Collections.unmodifiableList(values);
        }

        private static List<Object> unmodifiable(List<Object> row) {
            return Collections.unmodifiableList(new ArrayList<>(row));
        }
    }
}
