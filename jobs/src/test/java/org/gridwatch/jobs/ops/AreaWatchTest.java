package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.Feature;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The area's theft watch when a customer leaves the area (its case ends, its alert closes), and its
 * balance when the meters' readings do not cover the day.
 */
class AreaWatchTest {
    private static final long DAY = 86_400_000L;
    private static final long DAY0 = LocalDate.of(2026, 3, 1).toEpochDay();

    private KeyedTwoInputStreamOperatorTestHarness<String, DayReport, AreaReading, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new AreaWatch(ZoneOffset.UTC, DAY),
                        DayReport::areaId,
                        AreaReading::areaId,
                        Types.STRING);
    }

    /**
     * A scored day of {@code customer} in area A1, its level and standby {@code z} spreads down.
     */
    private static DayReport day(String customer, long day, double z) {
        return day(customer, day, z, 10, 0);
    }

    /**
     * A scored day of {@code customer} in area A1: {@code kwh} read over all but {@code uncovered}
     * of the day.
     */
    private static DayReport day(
            String customer, long day, double z, double kwh, double uncovered) {
        double[] zs = new double[Feature.COUNT];
        zs[Feature.LEVEL.ordinal()] = z;
        zs[Feature.BASE.ordinal()] = z;
        double[] value = new double[Feature.COUNT];
        value[Feature.SHAPE.ordinal()] = 0.9;
        return new DayReport(
                customer,
                "M-" + customer,
                "A1",
                "RESIDENTIAL",
                day,
                (day + 1) * DAY,
                true,
                zs,
                value,
                new float[Feature.COUNT],
                kwh,
                20,
                5,
                false,
                false,
                false,
                false,
                false,
                null,
                null,
                null,
                (float) uncovered,
                null);
    }

    /**
     * Day {@code day} of the area's nine honest customers, each {@code kwh} read over all but
     * {@code uncovered} of the day, and 100 kWh supplied: the alerts it closes with.
     */
    private List<Alert> closeSuppliedDay(long day, double kwh, double uncovered) throws Exception {
        return closeSuppliedDay(day, kwh, uncovered, 1440);
    }

    /**
     * The same, the supply read over the day's first {@code supplyMinutes} only (at 100 kWh a day's
     * rate): the transformer's readings of the rest never came.
     */
    private List<Alert> closeSuppliedDay(long day, double kwh, double uncovered, int supplyMinutes)
            throws Exception {
        int before = harness.extractOutputValues().size();
        harness.processElement2(
                new AreaReading(
                        "A1",
                        day * DAY + supplyMinutes * 60_000L,
                        supplyMinutes,
                        100.0 * supplyMinutes / 1440),
                day * DAY);
        for (int i = 1; i <= 9; i++) {
            DayReport d = day("C" + i, day, 0, kwh, uncovered);
            harness.processElement1(d, d.closedAtMillis());
        }
        harness.processBothWatermarks(new Watermark((day + 1) * DAY));
        List<Alert> all = harness.extractOutputValues();
        return all.subList(before, all.size());
    }

    /** Thirty days at a 10% loss: 9 × 10 kWh metered of 100 supplied. */
    private void thirtyUsualDays() throws Exception {
        for (long d = DAY0; d < DAY0 + 30; d++) {
            assertThat(closeSuppliedDay(d, 10, 0)).isEmpty();
        }
    }

    /**
     * Day {@code day} of nine customers who each use 10 kWh, the area supplied their true use with
     * a 10% loss: {@code thief} reads 6 kWh less than it uses, {@code household} uses 6 kWh less,
     * each {@code z} spreads down ({@code thiefZ}, {@code householdZ}) from day 31 on.
     */
    private List<Alert> closeDayOfTwoDrops(
            long day, boolean dropping, double thiefZ, double householdZ) throws Exception {
        int before = harness.extractOutputValues().size();
        double trueUse = dropping ? 9 * 10 - 6 : 90;
        harness.processElement2(
                new AreaReading("A1", (day + 1) * DAY, 1440, trueUse / 0.9), day * DAY);
        for (int i = 1; i <= 9; i++) {
            boolean drops = dropping && i <= 2;
            double z = !drops ? 0 : i == 1 ? thiefZ : householdZ;
            DayReport d = scored("C" + i, day, z, drops ? 4 : 10, 10);
            harness.processElement1(d, d.closedAtMillis());
        }
        harness.processBothWatermarks(new Watermark((day + 1) * DAY));
        List<Alert> all = harness.extractOutputValues();
        return all.subList(before, all.size());
    }

    /** A scored day of {@code customer} in area A1: {@code kwh} read, {@code usualKwh} usual. */
    private static DayReport scored(
            String customer, long day, double z, double kwh, double usualKwh) {
        DayReport d = day(customer, day, z, kwh, 0);
        return new DayReport(
                d.customerId(),
                d.meterId(),
                d.areaId(),
                d.customerClass(),
                day,
                d.closedAtMillis(),
                true,
                d.z(),
                d.value(),
                d.usual(),
                kwh,
                usualKwh,
                5,
                false,
                false,
                false,
                false);
    }

    @Test
    void twoDropsMatchTheAreasRiseOnceTheStrongerCaseClaimsIt() throws Exception {
        for (long d = DAY0; d < DAY0 + 30; d++) {
            closeDayOfTwoDrops(d, false, 0, 0);
        }
        // the area's loss rose by 6 kWh a day: one drop's worth, not two
        java.util.Map<String, Alert> last = new java.util.HashMap<>();
        for (long d = DAY0 + 30; d < DAY0 + 44; d++) {
            for (Alert a : closeDayOfTwoDrops(d, true, 5, 4)) {
                if (a.type() == AlertType.THEFT) {
                    last.put(a.customerId(), a);
                }
            }
        }
        assertThat(last).containsKeys("C1", "C2");
        // C1's own load says more: the rise is its match; C2's drop is left none of it
        assertThat((String) last.get("C1").evidence().get("areaBalance"))
                .startsWith("area A1's loss rose 6.0 kWh/day");
        assertThat(last.get("C2").evidence()).doesNotContainKey("areaBalance");
        assertThat(last.get("C2").score()).isLessThan(last.get("C1").score());
    }

    @Test
    void aLossRisingWithEveryReadingThereRaisesAreaLoss() throws Exception {
        thirtyUsualDays();
        // the meters read a third less of days they cover whole: 40% of the supply unmetered
        List<Alert> alerts = new java.util.ArrayList<>();
        for (long d = DAY0 + 30; d < DAY0 + 35; d++) {
            alerts.addAll(closeSuppliedDay(d, 10 * 2 / 3.0, 0));
        }
        assertThat(alerts).anyMatch(a -> a.type() == AlertType.AREA_LOSS);
    }

    @Test
    void aTransformerWhoseSupplyReadingsMissedAThirdOfTheDayLeavesTheUsualLossAsItWas()
            throws Exception {
        // five days of 16 hours' supply readings: read as whole days, their loss would be -35%,
        // and the area's usual loss learned from them too low
        double withTheGap = usualLossWhenTheLossRises(5);
        double withoutIt = usualLossWhenTheLossRises(0);

        assertThat(withTheGap).isEqualTo(withoutIt);
        assertThat(withoutIt).isCloseTo(10.0, within(0.5));
    }

    /**
     * The usual loss the area's AREA_LOSS states when the loss rises from 10% to 40% (the meters
     * read a third less of whole days) after thirty usual days and {@code gapDays} days of only 16
     * hours' supply readings.
     */
    private double usualLossWhenTheLossRises(int gapDays) throws Exception {
        open();
        thirtyUsualDays();
        long d = DAY0 + 30;
        for (; d < DAY0 + 30 + gapDays; d++) {
            assertThat(closeSuppliedDay(d, 10, 0, 960)).isEmpty();
        }
        for (long rise = d; rise < d + 5; rise++) {
            for (Alert a : closeSuppliedDay(rise, 10 * 2 / 3.0, 0)) {
                if (a.type() == AlertType.AREA_LOSS) {
                    return (Double) a.evidence().get("usualLossPct");
                }
            }
        }
        throw new AssertionError("no AREA_LOSS in five days at a 40% loss");
    }

    @Test
    void aHeadEndThatLostAThirdOfEveryMetersReadingsRaisesNoAreaLoss() throws Exception {
        thirtyUsualDays();
        // the same metered energy, but because 8 hours of each meter's readings never came: not a
        // loss, and no day to learn the area's usual loss from
        for (long d = DAY0 + 30; d < DAY0 + 35; d++) {
            assertThat(closeSuppliedDay(d, 10 * 2 / 3.0, 1 / 3.0)).isEmpty();
        }
        for (long d = DAY0 + 35; d < DAY0 + 45; d++) {
            assertThat(closeSuppliedDay(d, 10, 0)).isEmpty();
        }
    }

    /** Day {@code day} of the area's nine customers (C1 stealing at z = 4), closed. */
    private List<Alert> closeDay(long day, boolean withC1) throws Exception {
        int before = harness.extractOutputValues().size();
        for (int i = withC1 ? 1 : 2; i <= 9; i++) {
            DayReport d = day("C" + i, day, i == 1 ? 4 : 0);
            harness.processElement1(d, d.closedAtMillis());
        }
        harness.processBothWatermarks(new Watermark((day + 1) * DAY));
        List<Alert> all = harness.extractOutputValues();
        return all.subList(before, all.size());
    }

    private Alert openTheftCaseOfC1() throws Exception {
        for (long d = DAY0; d < DAY0 + 20; d++) {
            List<Alert> alerts = closeDay(d, true);
            if (!alerts.isEmpty()) {
                return alerts.get(0);
            }
        }
        throw new AssertionError("C1's case never opened an alert in 20 days at z = 4");
    }

    /**
     * The utility's own alert score, 0.8: C1's case at z = 4 a day (its eight peers at 0, so its
     * net deviation is 4) has the strength S = 1.5 · x_k, x_k = 4 · (1 − 0.9^k), and the score 1 /
     * (1 + e^(−1.5 (S − 3))); by hand: day 7 0.549 (where the default 0.5 opens), day 10 0.796, day
     * 11 0.842 (x = 2.7448, S = 4.1172). So the alert opens on day 11, and that day's band counts
     * C1 suspected; on day 10 it is to watch (from 0.4, half of 0.8).
     */
    @Test
    void anAlertOpensAtTheUtilitysOwnScoreAndTheBandsFollowIt() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new AreaWatch(ZoneOffset.UTC, DAY, 0.8),
                        DayReport::areaId,
                        AreaReading::areaId,
                        Types.STRING);
        for (long d = DAY0; d < DAY0 + 10; d++) {
            assertThat(closeDay(d, true)).as("day %d", d - DAY0 + 1).isEmpty();
        }
        List<Alert> opened = closeDay(DAY0 + 10, true);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).status()).isEqualTo(AlertStatus.OPEN);
        assertThat(opened.get(0).customerId()).isEqualTo("C1");
        assertThat(opened.get(0).score()).isCloseTo(0.842, within(0.0006));
        assertThat(opened.get(0).alertId()).isEqualTo("theft:C1:20260311");

        List<MetricPoint> bands = new java.util.ArrayList<>();
        harness.getSideOutput(AreaWatch.METRICS).forEach(r -> bands.add(r.getValue()));
        MetricPoint day10 = bands.get(bands.size() - 2);
        MetricPoint day11 = bands.get(bands.size() - 1);
        assertThat(day10.field("watch")).isEqualTo(1);
        assertThat(day10.field("suspected")).isEqualTo(0);
        assertThat(day10.field("max_score")).isCloseTo(0.796, within(0.0006));
        assertThat(day11.field("watch")).isEqualTo(0);
        assertThat(day11.field("suspected")).isEqualTo(1);
    }

    @Test
    void aCustomerWhoLeavesHasItsOpenTheftAlertClosedWithTheReason() throws Exception {
        Alert opened = openTheftCaseOfC1();
        assertThat(opened.customerId()).isEqualTo("C1");
        assertThat(opened.status()).isEqualTo(AlertStatus.OPEN);
        long left = LocalDate.of(2026, 4, 1).toEpochDay();
        long at = left * DAY + 3_600_000L;
        harness.processElement1(
                DayReport.leaving("C1", "M-C1", "A1", "RESIDENTIAL", left, at, "moved to area A2"),
                at);
        harness.processBothWatermarks(new Watermark(at));

        Alert closed = harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(closed.alertId()).isEqualTo(opened.alertId());
        assertThat(closed.type()).isEqualTo(AlertType.THEFT);
        assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(closed.areaId()).isEqualTo("A1");
        assertThat(closed.evidence()).containsEntry("closedBecause", "moved to area A2");
    }

    @Test
    void theCaseIsForgottenSoTheAreaKeepsNothingOfACustomerItNoLongerHas() throws Exception {
        openTheftCaseOfC1();
        long left = LocalDate.of(2026, 4, 1).toEpochDay();
        long at = left * DAY + 3_600_000L;
        harness.processElement1(
                DayReport.leaving("C1", "M-C1", "A1", "RESIDENTIAL", left, at, "removed"), at);
        harness.processBothWatermarks(new Watermark(at));
        // The area's days go on without C1: no THEFT alert of C1 is ever sent again.
        int before = harness.extractOutputValues().size();
        for (long d = left + 1; d < left + 30; d++) {
            closeDay(d, false);
        }
        assertThat(
                        harness.extractOutputValues()
                                .subList(before, harness.extractOutputValues().size()))
                .noneMatch(a -> "C1".equals(a.customerId()));
        // Were C1 back with the same theft, its evidence would start from nothing: a new case, no
        // alert on its first day.
        assertThat(closeDay(left + 30, true)).noneMatch(a -> "C1".equals(a.customerId()));
    }

    @Test
    void aDepartureOfACustomerWithoutACaseSaysNothing() throws Exception {
        closeDay(DAY0, false);
        long at = (DAY0 + 1) * DAY + 1;
        harness.processElement1(
                DayReport.leaving("C1", "M-C1", "A1", "RESIDENTIAL", DAY0 + 1, at, "removed"), at);
        harness.processBothWatermarks(new Watermark(at));
        assertThat(harness.extractOutputValues()).isEmpty();
    }
}
