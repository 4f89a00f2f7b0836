package org.gridwatch.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A worklist of {@code gridwatch segments} as an aligned text table, CSV or JSON lines. */
final class SegmentTable {

    /** The columns of the table and of the CSV. */
    static final List<String> HEADER =
            List.of(
                    "rank",
                    "customer",
                    "area",
                    "segment",
                    "grade",
                    "score",
                    "current",
                    "potential",
                    "next inspection",
                    "offpeak CNY/yr",
                    "with shift",
                    "updated",
                    "strategies");

    /** The columns of the CSV, the same as the table's. */
    static final List<String> CSV_HEADER =
            List.of(
                    "rank",
                    "customer",
                    "area",
                    "segment",
                    "grade",
                    "score",
                    "current_value",
                    "potential_value",
                    "next_inspection",
                    "offpeak_saving_cny_per_year",
                    "offpeak_saving_with_shift_cny_per_year",
                    "updated",
                    "strategies");

    /** Right-aligned columns of the table. */
    private static final List<Integer> NUMBERS = List.of(0, 5, 6, 7, 9, 10);

    private SegmentTable() {}

    /** The table: a header, one line a customer; the strategies last, as long as they are. */
    static List<String> table(List<SegmentRow> rows, ZoneId zone) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER);
        cells.addAll(cells(rows, zone, "-", ", "));
        int[] width = new int[HEADER.size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                if (i > 0) {
                    sb.append("  ");
                }
                if (i == row.size() - 1) {
                    sb.append(cell);
                } else if (NUMBERS.contains(i)) {
                    sb.append(" ".repeat(width[i] - cell.length())).append(cell);
                } else {
                    sb.append(cell).append(" ".repeat(width[i] - cell.length()));
                }
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }

    /**
     * CSV (RFC 4180): the header in snake case, then one line a customer; empty cells where a value
     * is absent, strategies separated by spaces, times as ISO-8601 in the zone.
     */
    static List<String> csv(List<SegmentRow> rows, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", CSV_HEADER));
        for (List<String> row : cells(rows, zone, "", " ")) {
            lines.add(String.join(",", row.stream().map(SegmentTable::csvCell).toList()));
        }
        return lines;
    }

    /** The records themselves, as read, one a line, in the worklist's order. */
    static List<String> json(List<SegmentRow> rows) {
        return rows.stream().map(SegmentRow::json).toList();
    }

    private static List<List<String>> cells(
            List<SegmentRow> rows, ZoneId zone, String absent, String strategySeparator) {
        boolean csv = absent.isEmpty();
        DateTimeFormatter time =
                csv
                        ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone)
                        : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        DateTimeFormatter day =
                csv
                        ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone)
                        : DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone);
        List<List<String>> cells = new ArrayList<>();
        int rank = 1;
        for (SegmentRow r : rows) {
            cells.add(
                    List.of(
                            String.valueOf(rank++),
                            r.customerId(),
                            r.areaId() == null ? absent : r.areaId(),
                            r.segment(),
                            r.creditGrade(),
                            String.valueOf(r.creditScore()),
                            fixed(r.currentValue(), absent),
                            fixed(r.potentialValue(), absent),
                            r.nextInspectionMillis() == SegmentRow.NONE
                                    ? absent
                                    : day.format(Instant.ofEpochMilli(r.nextInspectionMillis())),
                            fixed(r.offpeakSaving(), absent),
                            fixed(r.offpeakSavingWithShift(), absent),
                            time.format(Instant.ofEpochMilli(r.tsMillis())),
                            String.join(strategySeparator, r.strategies())));
        }
        return cells;
    }

    private static String fixed(double v, String absent) {
        return Double.isNaN(v) ? absent : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String csvCell(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
