package org.gridwatch.jobs.ops;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.gridwatch.core.detect.DayJudge;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;

/**
 * The area's theft watch ({@link AreaWatch}) for {@link LegacyStateTest}: ten households of one
 * area, each judged day by day from its own quarter-hour readings from 2026-01-05 (UTC), and the
 * area's supply hour by hour (what they used, 4% lost on the way). From day {@link #DROP} C03's
 * meter reads 40% of what it takes (its cover opened that day) and the area's loss rises by the
 * rest. The stop is after the close of the first {@link #SPLIT} days, when every case has scored
 * days and C03's has matched its drop with the area's loss and has its THEFT alert open. After it,
 * C07's meter reads 40% too from day {@link #SECOND_DROP}, and an inspector confirms C03's theft on
 * day {@link #INSPECTED} (these came after the snapshot was written: its days are the same). The
 * snapshot {@code theft-watch-c5a1549.snapshot} was written by {@link #main} at commit c5a1549,
 * when each customer's case was kept as a POJO ({@code theft-cases}); written again in session 18
 * at c5a1549 with that session's one change to the days' arithmetic applied to its {@code
 * UsageBaseline} (suspect days learned slowly from 14 days known, not 30), so that the days before
 * the stop are judged as they are now.
 */
final class LegacyTheftScenario {
    static final long DAY = 86_400_000L;
    static final long FIRST_DAY = LocalDate.of(2026, 1, 5).toEpochDay();
    static final long LATENESS = 3_600_000L;
    static final int CUSTOMERS = 10;
    static final String AREA = "A001";
    static final String THIEF = "C03";

    /** The thief's first day of reading less. */
    static final int DROP = 24;

    /**
     * After the stop: a second thief's first day of reading less, and the first one's inspection.
     */
    static final String SECOND_THIEF = "C07";

    static final int SECOND_DROP = 32;
    static final int INSPECTED = 38;

    /** Days fed before the stop. */
    static final int SPLIT = 30;

    static final int DAYS = 45;

    private LegacyTheftScenario() {}

    static KeyedTwoInputStreamOperatorTestHarness<String, DayReport, AreaReading, Alert> watch()
            throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new AreaWatch(ZoneOffset.UTC, LATENESS)),
                DayReport::areaId,
                AreaReading::areaId,
                Types.STRING);
    }

    /** A day's input of the area: its customers' judged days and its supply, hour by hour. */
    record AreaDay(long epochDay, List<DayReport> reports, List<AreaReading> supply) {}

    private static Customer customer(int i) {
        return org.gridwatch.jobs.Fixtures.customer(
                String.format("C%02d", i), String.format("M%02d", i), AREA, 6.0);
    }

    /** Every day of the scenario, judged as the customer operator judges it. */
    static List<AreaDay> days() {
        UsageBaseline[] usual = new UsageBaseline[CUSTOMERS];
        for (int i = 0; i < CUSTOMERS; i++) {
            usual[i] = new UsageBaseline();
        }
        double[] prices = new double[24];
        Arrays.fill(prices, 0.5283);
        boolean[] peak = new boolean[24];
        for (int h = 17; h < 19; h++) {
            peak[h] = true;
            prices[h] = 0.7547;
        }
        List<AreaDay> days = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            long epochDay = FIRST_DAY + d;
            long start = epochDay * DAY;
            long closes = start + DAY + LATENESS;
            boolean restDay = LocalDate.ofEpochDay(epochDay).getDayOfWeek().getValue() >= 6;
            double[] supplied = new double[24];
            List<DayReport> reports = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                Customer c = customer(i + 1);
                boolean thief =
                        c.customerId().equals(THIEF) && d >= DROP
                                || c.customerId().equals(SECOND_THIEF) && d >= SECOND_DROP;
                SplittableRandom noise = new SplittableRandom(1000L * i + d);
                double scale = 0.6 + 0.1 * i + (restDay ? 0.1 : 0);
                DayLoad load = new DayLoad(epochDay, start);
                for (int q = 0; q < 96; q++) {
                    double taken =
                            scale
                                    * (0.12
                                            + 0.06 * Math.sin(q / 15.0 + i)
                                            + 0.02 * noise.nextDouble());
                    double metered = thief ? 0.4 * taken : taken;
                    int events = thief && d == DROP && q == 40 ? MeterEvent.COVER_OPEN.bit() : 0;
                    load.add(
                            new MeterReading(
                                    c.meterId(),
                                    start + (q + 1) * 900_000L,
                                    15,
                                    metered,
                                    Double.NaN,
                                    Double.NaN,
                                    events));
                    supplied[q / 4] += taken / 0.96;
                }
                DayReport r = DayJudge.close(usual[i], load, c, restDay, peak, prices, closes);
                if (c.customerId().equals(THIEF) && d == INSPECTED) {
                    r = r.withInspected(InspectionOutcome.CONFIRMED_THEFT);
                }
                reports.add(r);
            }
            List<AreaReading> supply = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                supply.add(new AreaReading(AREA, start + (h + 1) * 3_600_000L, 60, supplied[h]));
            }
            days.add(new AreaDay(epochDay, reports, supply));
        }
        return days;
    }

    /** Days {@code from} (inclusive) to {@code to} (exclusive), each closed by the watermark. */
    static void run(
            KeyedTwoInputStreamOperatorTestHarness<String, DayReport, AreaReading, Alert> watch,
            List<AreaDay> days,
            int from,
            int to)
            throws Exception {
        for (AreaDay day : days.subList(from, to)) {
            for (AreaReading r : day.supply()) {
                watch.processElement2(new StreamRecord<>(r, r.endMillis()));
            }
            for (DayReport r : day.reports()) {
                watch.processElement1(new StreamRecord<>(r, r.closedAtMillis()));
            }
            watch.processBothWatermarks(new Watermark((day.epochDay() + 1) * DAY + LATENESS));
        }
    }

    /**
     * Writes the snapshot at the stop: {@code main DIR}, as {@code theft-watch-c5a1549.snapshot}.
     */
    public static void main(String[] args) throws Exception {
        var watch = watch();
        watch.open();
        List<AreaDay> days = days();
        run(watch, days, 0, SPLIT);
        OperatorSnapshotUtil.writeStateHandle(
                watch.snapshot(1, (FIRST_DAY + SPLIT) * DAY),
                args[0] + "/theft-watch-c5a1549.snapshot");
        System.out.printf(
                "theft watch: %d entries, %d timers, %d alerts before the stop%n",
                watch.numKeyedStateEntries(),
                watch.numEventTimeTimers(),
                watch.extractOutputValues().size());
        for (Alert a : watch.extractOutputValues()) {
            System.out.println("  " + a);
        }
    }
}
