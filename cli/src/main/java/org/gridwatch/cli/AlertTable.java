package org.gridwatch.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The worklist as a text table, one alert a line, columns aligned. */
final class AlertTable {
    static final List<String> HEADER =
            List.of(
                    "rank",
                    "customer",
                    "area",
                    "type",
                    "severity",
                    "score",
                    "CNY at risk",
                    "priority",
                    "status",
                    "rule",
                    "since",
                    "updated",
                    "evidence");

    /** Characters of the evidence column. */
    static final int EVIDENCE_CHARS = 60;

    private AlertTable() {}

    static List<String> lines(List<AlertBoard.Entry> ranked, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        int rank = 1;
        for (AlertBoard.Entry e : ranked) {
            AlertRow a = e.latest();
            rows.add(
                    List.of(
                            String.valueOf(rank++),
                            a.customerId() == null ? "-" : a.customerId(),
                            a.areaId() == null ? "-" : a.areaId(),
                            a.type().name(),
                            a.severity().name(),
                            String.format(Locale.ROOT, "%.2f", a.score()),
                            Double.isNaN(a.valueAtRiskCny())
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.2f", a.valueAtRiskCny()),
                            String.format(Locale.ROOT, "%.2f", a.priority()),
                            a.status().name(),
                            a.rule() == null ? "-" : a.rule(),
                            time.format(Instant.ofEpochMilli(e.sinceMillis())),
                            time.format(Instant.ofEpochMilli(a.tsMillis())),
                            a.evidenceSummary(EVIDENCE_CHARS)));
        }
        int[] width = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                boolean number = i == 0 || i == 5 || i == 6 || i == 7;
                if (i > 0) {
                    sb.append("  ");
                }
                if (i == row.size() - 1) {
                    sb.append(cell);
                } else if (number) {
                    sb.append(" ".repeat(width[i] - cell.length())).append(cell);
                } else {
                    sb.append(cell).append(" ".repeat(width[i] - cell.length()));
                }
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }
}
