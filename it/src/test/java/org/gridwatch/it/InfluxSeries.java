package org.gridwatch.it;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.core.metric.InfluxQl;
import org.gridwatch.embedded.InfluxQueryClient;
import org.gridwatch.embedded.QueryResult;

/** Reads what the job wrote to InfluxDB back, in the shapes the tests compare. */
final class InfluxSeries {
    private final InfluxQueryClient client;
    private final String database;

    InfluxSeries(String url, String database) {
        this.client = new InfluxQueryClient(url);
        this.database = database;
    }

    /** kWh of the {@code load} measurement per area and local date (Asia/Shanghai). */
    Map<String, Double> loadKwhByAreaDay() {
        return kwhByAreaDay("load");
    }

    /** kWh of the {@code area_supply} measurement per area and local date. */
    Map<String, Double> supplyKwhByAreaDay() {
        return kwhByAreaDay("area_supply");
    }

    private Map<String, Double> kwhByAreaDay(String measurement) {
        QueryResult r =
                client.query(
                        database,
                        "SELECT sum(\"kwh\") FROM \""
                                + measurement
                                + "\" GROUP BY time(1d), \"area\" fill(none)"
                                + " tz('Asia/Shanghai')");
        Map<String, Double> out = new TreeMap<>();
        for (QueryResult.Series s : r.series()) {
            for (List<Object> row : s.rows()) {
                String date = ((String) row.get(0)).substring(0, 10);
                out.put(
                        Truth.areaDay(s.tags().get("area"), date),
                        ((Number) row.get(1)).doubleValue());
            }
        }
        return out;
    }

    /** Every point of a measurement as "tags @ time → fields", for comparing two runs. */
    Map<String, List<Object>> points(String measurement, String fields, String where) {
        QueryResult r =
                client.query(
                        database,
                        "SELECT "
                                + fields
                                + " FROM "
                                + InfluxQl.identifier(measurement)
                                + " "
                                + where
                                + " GROUP BY *");
        Map<String, List<Object>> out = new TreeMap<>();
        for (QueryResult.Series s : r.series()) {
            for (List<Object> row : s.rows()) {
                out.put(new TreeMap<>(s.tags()) + " @ " + row.get(0), row.subList(1, row.size()));
            }
        }
        return out;
    }

    /** Sum of the {@code count} field of the {@code rejected} measurement per reason. */
    Map<String, Long> rejectedByReason() {
        QueryResult r =
                client.query(
                        database, "SELECT sum(\"count\") FROM \"rejected\" GROUP BY \"reason\"");
        Map<String, Long> out = new TreeMap<>();
        for (QueryResult.Series s : r.series()) {
            out.put(s.tags().get("reason"), ((Number) s.rows().get(0).get(1)).longValue());
        }
        return out;
    }
}
