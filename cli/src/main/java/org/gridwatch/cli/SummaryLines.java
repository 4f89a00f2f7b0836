package org.gridwatch.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.metric.Bucket;

/** How the monitor's and the demo's summaries put a {@link SummarySnapshot} into words. */
final class SummaryLines {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private SummaryLines() {}

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String time(long epochMillis, ZoneId zone) {
        return MINUTE.withZone(zone).format(Instant.ofEpochMilli(epochMillis));
    }

    /** 0:07, 12:34, 1:02:03. */
    static String elapsed(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** "41 of 123,456 records (0.03%)", or "none of 123,456 records". */
    static String rejected(SummarySnapshot s) {
        long records = s.records();
        long rejected = s.rejected();
        if (rejected == 0) {
            return "none of " + count(records) + " records";
        }
        return String.format(
                Locale.ROOT,
                "%s of %s records (%.2f%%)",
                count(rejected),
                count(records),
                100.0 * rejected / Math.max(records, 1));
    }

    /** One line per reason, the most frequent first: "DUPLICATE 38". */
    static List<String> reasons(SummarySnapshot s, String indent) {
        List<String> lines = new ArrayList<>();
        s.rejectedByReason().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(
                        e ->
                                lines.add(
                                        String.format(
                                                Locale.ROOT,
                                                "%s%-22s %,12d",
                                                indent,
                                                e.getKey(),
                                                e.getValue())));
        return lines;
    }

    /**
     * Per input: records read (counted as read), and accepted, rejected and late as the job's
     * metrics have them (complete once the job has finished).
     */
    static List<String> inputs(SummarySnapshot s) {
        List<String> lines = new ArrayList<>();
        lines.add(
                String.format(
                        Locale.ROOT,
                        "  %-15s %13s %13s %10s %10s",
                        "input",
                        "read",
                        "accepted",
                        "rejected",
                        "late"));
        for (Source source : Source.values()) {
            SummarySnapshot.SourceCounts c = s.of(source.topic());
            long read = s.read(source.topic());
            if (read == 0 && c.records() == 0) {
                continue;
            }
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "  %-15s %,13d %,13d %,10d %,10d",
                            source.topic(),
                            read,
                            c.accepted(),
                            c.rejected(),
                            c.late()));
        }
        return lines;
    }

    /**
     * The fleet by segment and grade at the latest valuation, and the 80/20 check: "HIGH 12 ·
     * MEDIUM 40 · LOW_RISKY 3 · LOW_BASIC 45, grades A 80 · B 15 · C 5, top 20% bring 81% of
     * revenue"; before the first month's bills, when they come.
     */
    static String value(SummarySnapshot s) {
        if (!s.isValued()) {
            return "valued when the first month's bills are issued (its end + 7 days, event time)";
        }
        StringBuilder line = new StringBuilder();
        for (Segment segment : Segment.values()) {
            line.append(line.length() == 0 ? "" : " · ")
                    .append(segment.name())
                    .append(' ')
                    .append(count(s.customersBySegment().getOrDefault(segment.name(), 0L)));
        }
        line.append(", grades");
        for (CreditGrade grade : CreditGrade.values()) {
            line.append(grade == CreditGrade.A ? " " : " · ")
                    .append(grade.name())
                    .append(' ')
                    .append(count(s.customersByGrade().getOrDefault(grade.name(), 0L)));
        }
        if (!Double.isNaN(s.topTwentyShare())) {
            line.append(
                    String.format(
                            Locale.ROOT,
                            ", top 20%% bring %.0f%% of revenue",
                            100 * s.topTwentyShare()));
        }
        return line.toString();
    }

    /**
     * The newest complete quarter hour's load per customer class, the total, and what the areas'
     * transformers delivered; "no complete quarter hour yet" before the first.
     */
    static List<String> load(SummarySnapshot s, ZoneId zone, String indent) {
        List<String> lines = new ArrayList<>();
        if (!s.hasLoad()) {
            lines.add(indent + "no complete quarter hour yet");
            return lines;
        }
        lines.add(
                indent
                        + "average kW, "
                        + time(s.loadBucket(), zone)
                        + "-"
                        + CLOCK.withZone(zone)
                                .format(Instant.ofEpochMilli(s.loadBucket() + Bucket.MILLIS)));
        for (CustomerClass c : CustomerClass.values()) {
            Double kw = s.kwByClass().get(c.name());
            if (kw != null) {
                lines.add(String.format(Locale.ROOT, "%s  %-26s %,12.1f", indent, c.name(), kw));
            }
        }
        lines.add(
                String.format(
                        Locale.ROOT, "%s  %-26s %,12.1f", indent, "all classes", s.meteredKw()));
        if (!Double.isNaN(s.suppliedKw()) && s.suppliedKw() > 0) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "%s  %-26s %,12.1f   loss %.1f%%",
                            indent,
                            "supplied into the areas",
                            s.suppliedKw(),
                            100 * (s.suppliedKw() - s.meteredKw()) / s.suppliedKw()));
        }
        return lines;
    }
}
