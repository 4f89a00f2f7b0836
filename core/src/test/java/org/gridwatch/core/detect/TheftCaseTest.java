package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.Severity;
import org.gridwatch.core.event.TheftScore;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked with the default tuning (SMOOTHING 0.1, MAX_Z 4, MIDPOINT 3, STEEPNESS 1.5). A day
 * with LEVEL and BASE both at z = 4 moves both smoothed deviations to x_k = 4 · (1 − 0.9^k) after k
 * such days; the case's strength is then x + 0.5 · min(x, x + 2) = 1.5 x, and the score ≥ 0.5 needs
 * 1.5 x ≥ 3, x ≥ 2, 0.9^k ≤ 1/2, k ≥ ln 2 / ln(1/0.9) = 6.6: the 7th day.
 */
class TheftCaseTest {
    private static final long DAY0 = LocalDate.of(2026, 3, 1).toEpochDay();

    private static double[] drop(double z) {
        double[] out = new double[Feature.COUNT];
        out[Feature.LEVEL.ordinal()] = z;
        out[Feature.BASE.ordinal()] = z;
        return out;
    }

    private static DayReport report(long day, boolean scored, double lossCny) {
        return report(day, scored, lossCny, false);
    }

    private static DayReport report(long day, boolean scored, double lossCny, boolean tamper) {
        double[] value = new double[Feature.COUNT];
        value[Feature.BASE.ordinal()] = Math.log(0.8);
        value[Feature.ZEROS.ordinal()] = 0.125;
        value[Feature.PEAK_SHARE.ordinal()] = 0.05;
        value[Feature.SHAPE.ordinal()] = 0.9;
        value[Feature.FLAT_TOP.ordinal()] = 0.04;
        return day(
                day,
                "RESIDENTIAL",
                scored,
                value,
                10,
                20,
                lossCny,
                new MeterEvidence(tamper, false, false, false));
    }

    /** Customer C1's day in area A1, its deviations 0 (the case takes them apart). */
    private static DayReport day(
            long day,
            String customerClass,
            boolean scored,
            double[] value,
            double kwh,
            double usualKwh,
            double lossCny,
            MeterEvidence meter) {
        return new DayReport(
                "C1",
                "M1",
                "A1",
                customerClass,
                day,
                (day + 1) * Days.DAY,
                scored,
                new double[Feature.COUNT],
                value,
                new float[Feature.COUNT],
                kwh,
                usualKwh,
                lossCny,
                meter.tamper(),
                meter.registerRollback(),
                meter.reverseWithoutGeneration(),
                meter.phaseFault());
    }

    /**
     * A day of a customer of {@code customerClass} too new to be scored, using {@code kwh}, with
     * {@code tied} of its readings at the day's highest.
     */
    private static DayReport newDay(long day, String customerClass, double kwh, double tied) {
        double[] value = new double[Feature.COUNT];
        value[Feature.FLAT_TOP.ordinal()] = tied;
        return day(
                day, customerClass, false, value, kwh, Double.NaN, Double.NaN, MeterEvidence.NONE);
    }

    /** A household's day that reads flat ({@link #newDay}), 6 kWh all at the top. */
    private static DayReport flatDay(long day) {
        return newDay(day, "RESIDENTIAL", 6.0, 1.0);
    }

    /**
     * An inspector found nothing behind a household's flat days (it truly reads flat): its case
     * closes and for 90 days from the visit its flat days are not counted, so the same sign does
     * not list it again days later. The visit is on day 6 (the alert opened on day 2); days 6 + 90
     * = 96 on count again: 1, 2, 3 spreads, and the third opens a new case on day 98 (0.5, as on
     * day 2).
     */
    @Test
    void aNoFindingVouchesForAHouseholdsFlatDaysForAQuarter() {
        TheftCase c = new TheftCase();
        for (int d = 0; d < 6; d++) {
            c.onDay(flatDay(DAY0 + d), new double[Feature.COUNT]);
        }
        assertThat(c.alertId).isEqualTo(id(DAY0 + 2));
        Alert closed =
                c.onDay(
                        flatDay(DAY0 + 6).withInspected(InspectionOutcome.NO_FINDING),
                        new double[Feature.COUNT]);
        assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(closed.evidence()).containsEntry("inspection", "NO_FINDING");
        for (int d = 7; d < 96; d++) {
            assertThat(c.onDay(flatDay(DAY0 + d), new double[Feature.COUNT])).isNull();
            assertThat(c.evidence.score(DAY0 + d)).as("day %d", d).isZero();
        }
        assertThat(c.onDay(flatDay(DAY0 + 96), new double[Feature.COUNT])).isNull();
        assertThat(c.evidence.score(DAY0 + 96)).isCloseTo(0.047, within(5e-4));
        assertThat(c.onDay(flatDay(DAY0 + 97), new double[Feature.COUNT])).isNull();
        Alert again = c.onDay(flatDay(DAY0 + 98), new double[Feature.COUNT]);
        assertThat(again.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(again.alertId()).isEqualTo(id(DAY0 + 98));
        assertThat(again.evidence()).containsEntry("flatDays", 3).doesNotContainKey("notCounted");
    }

    /**
     * What the inspector vouched for is only what the case held: a household vouched for its flat
     * days whose meter then reports a cover opened, its register rolled back and reverse energy (1
     * + 1.5 + 0.5 = 3 spreads: a score of one half) is alerted at once, its flat days still not
     * counted and named so. A confirmed theft vouches for nothing: the flat days count the next
     * day.
     */
    @Test
    void aNoFindingVouchesOnlyForTheSignsTheCaseHeld() {
        TheftCase c = new TheftCase();
        for (int d = 0; d < 3; d++) {
            c.onDay(flatDay(DAY0 + d), new double[Feature.COUNT]);
        }
        c.onDay(
                flatDay(DAY0 + 3).withInspected(InspectionOutcome.NO_FINDING),
                new double[Feature.COUNT]);
        double[] flat = new double[Feature.COUNT];
        flat[Feature.FLAT_TOP.ordinal()] = 1.0;
        Alert a =
                c.onDay(
                        day(
                                DAY0 + 4,
                                "RESIDENTIAL",
                                false,
                                flat,
                                6.0,
                                Double.NaN,
                                Double.NaN,
                                new MeterEvidence(true, true, true, false)),
                        new double[Feature.COUNT]);
        assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(a.score()).isEqualTo(0.5);
        assertThat(a.evidence())
                .containsEntry("tamperEventOn", LocalDate.ofEpochDay(DAY0 + 4).toString())
                .containsEntry("registerRollbackOn", LocalDate.ofEpochDay(DAY0 + 4).toString())
                .containsEntry("noFindingOn", LocalDate.ofEpochDay(DAY0 + 3).toString())
                .containsEntry("notCountedUntil", LocalDate.ofEpochDay(DAY0 + 92).toString())
                .containsEntry("notCounted", "flatDays")
                .doesNotContainKey("flatDays");

        TheftCase confirmed = new TheftCase();
        for (int d = 0; d < 3; d++) {
            confirmed.onDay(flatDay(DAY0 + d), new double[Feature.COUNT]);
        }
        confirmed.onDay(
                flatDay(DAY0 + 3).withInspected(InspectionOutcome.CONFIRMED_THEFT),
                new double[Feature.COUNT]);
        confirmed.onDay(flatDay(DAY0 + 4), new double[Feature.COUNT]);
        assertThat(confirmed.evidence.score(DAY0 + 4)).isCloseTo(0.047, within(5e-4));
    }

    /**
     * A household whose data begin under a meter that reports the day's mean: no usual day could
     * tell it, but every day reads flat (all its readings tied at the top). Each flat day of the
     * last 30 adds 1 spread: S = 1, 2, 3 — the score 1 / (1 + e^(−1.5 (S − 3))) is 0.047, 0.182,
     * then 0.5 on the third day, when the alert opens, led by the flat days; six make 0.989, and
     * more count no further.
     */
    @Test
    void aHouseholdThatReadsFlatEveryDayIsAlertedOnItsThirdFlatDay() {
        TheftCase c = new TheftCase();
        assertThat(c.onDay(newDay(DAY0, "RESIDENTIAL", 6.0, 1.0), new double[Feature.COUNT]))
                .isNull();
        assertThat(c.evidence.score(DAY0)).isCloseTo(0.047, within(5e-4));
        assertThat(c.onDay(newDay(DAY0 + 1, "RESIDENTIAL", 6.0, 1.0), new double[Feature.COUNT]))
                .isNull();
        Alert a = c.onDay(newDay(DAY0 + 2, "RESIDENTIAL", 6.0, 0.95), new double[Feature.COUNT]);
        assertThat(a).isNotNull();
        assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(a.score()).isEqualTo(0.5);
        assertThat(a.rule()).isEqualTo("household-reads-flat");
        assertThat(a.evidence().get("flatDays")).isEqualTo(3);
        for (int d = 3; d < 12; d++) {
            c.onDay(newDay(DAY0 + d, "RESIDENTIAL", 6.0, 1.0), new double[Feature.COUNT]);
        }
        assertThat(c.evidence.score(DAY0 + 11)).isCloseTo(0.989, within(5e-4));
        // 30 days on, the first flat day has left the window: 11 of the last 30 (days 1..11)
        assertThat(c.evidence.flatLinedDays(DAY0 + 30)).isEqualTo(11);
        assertThat(c.evidence.flatLinedDays(DAY0 + 41)).isZero();
    }

    /**
     * Not a household, a day under 0.5 kWh, or a day with fewer than 90% of its readings at the
     * top: not flat. A pump or a streetlight may read flat; a vacant flat reads next to nothing.
     */
    @Test
    void onlyAHouseholdsDayOfRealUseAllAtTheTopReadsFlat() {
        for (DayReport r :
                List.of(
                        newDay(DAY0, "COMMERCIAL", 6.0, 1.0),
                        newDay(DAY0, "RESIDENTIAL", 0.4, 1.0),
                        newDay(DAY0, "RESIDENTIAL", 6.0, 0.85))) {
            assertThat(TheftEvidence.readsFlat(r)).as(r.customerClass()).isFalse();
        }
        assertThat(TheftEvidence.readsFlat(newDay(DAY0, "RESIDENTIAL", 0.5, 0.9))).isTrue();
    }

    private static double score(double x) {
        return 1 / (1 + Math.exp(-1.5 * (1.5 * x - 3)));
    }

    private static String id(long day) {
        return "theft:C1:" + LocalDate.ofEpochDay(day).toString().replace("-", "");
    }

    /** Days 1..7 at z = 4: the alert opens on the 7th (DAY0 + 6). */
    private static Alert open(TheftCase c, double lossCny) {
        for (int k = 1; k <= 6; k++) {
            assertThat(c.onDay(report(DAY0 + k - 1, true, lossCny), drop(4)))
                    .as("day %d", k)
                    .isNull();
        }
        return c.onDay(report(DAY0 + 6, true, lossCny), drop(4));
    }

    /**
     * The score is published on a case's first day, and again whenever it has moved by a hundredth
     * or more, or its odds by 0.25 nats or more, since the last one published. By hand (Python,
     * from the class comment's x_k and the score's formula), days k = 1..40 at z = 4 score 0.027,
     * 0.058, 0.113, 0.197, 0.307, 0.430, 0.549, 0.652, 0.734, 0.796, 0.842, 0.876, 0.901, 0.920,
     * 0.934, 0.944, 0.953, 0.959, 0.964, 0.968, 0.971, 0.974, 0.976, 0.978, 0.979, 0.981, 0.982,
     * 0.983, 0.983, 0.984, 0.985, 0.985, 0.986, ..., 0.987 (k = 40): each of days 1..16 moves by
     * 0.01 or more; 0.953 is within 0.01 of 0.944 and its odds 0.185 nats above (ln((0.953/0.047) /
     * (0.944/0.056))), so day 17 is skipped and day 18 published (0.959: 0.015); then the odds
     * decide: 0.968 on day 20 (0.257 nats above 0.959's), 0.976 on day 23 (0.296), 0.982 on day 27
     * (0.294), 0.986 on day 33 (0.255), and no later day reaches 0.990.
     */
    @Test
    void theScoreIsPublishedOnTheFirstDayAndWhenItMovesByAHundredthOrItsOddsByAQuarterNat() {
        TheftCase c = new TheftCase();
        DayReport unscored = report(DAY0 - 1, false, 5);
        c.onDay(unscored, new double[Feature.COUNT]);
        assertThat(c.publish(unscored))
                .as("a case's first day: no scored day yet, 0")
                .isEqualTo(new TheftScore("C1", "A1", DAY0 * Days.DAY, 0.0, null));
        assertThat(c.publish(unscored)).as("the same score again").isNull();

        int[] days = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 23, 27, 33};
        double[] scores = {
            0.027, 0.058, 0.113, 0.197, 0.307, 0.430, 0.549, 0.652, 0.734, 0.796, 0.842, 0.876,
            0.901, 0.920, 0.934, 0.944, 0.959, 0.968, 0.976, 0.982, 0.986
        };
        int next = 0;
        for (int k = 1; k <= 40; k++) {
            DayReport day = report(DAY0 + k - 1, true, 5);
            c.onDay(day, drop(4));
            TheftScore published = c.publish(day);
            if (next < days.length && days[next] == k) {
                assertThat(published)
                        .as("day %d", k)
                        .isEqualTo(
                                new TheftScore(
                                        "C1",
                                        "A1",
                                        (DAY0 + k) * Days.DAY,
                                        scores[next],
                                        k >= 7 ? id(DAY0 + 6) : null));
                next++;
            } else {
                assertThat(published).as("day %d", k).isNull();
            }
        }
        assertThat(next).isEqualTo(days.length);
    }

    /**
     * A utility's own alert score, 0.8. At z = 4 a day the scores run (by hand, as above) 0.027,
     * 0.058, 0.113, 0.197, 0.307, 0.430, 0.549, 0.652, 0.734, 0.796, 0.842: the alert opens on the
     * 11th day, x_11 = 4 · (1 − 0.9^11) = 2.7448. Then at z = 0 the smoothed deviation is x_11 ·
     * 0.9^j and S = 1.5 of it: j = 3 scores 0.5006, j = 4 0.3898, below 0.4 (half of 0.8), so days
     * j = 4..17 are the 14 quiet days and it closes on j = 17. At the default (0.5, closing below
     * 0.25) the first quiet day would be j = 6 (0.2282; j = 5 0.2985) and it would close on j = 19.
     */
    @Test
    void anAlertOpensAtTheUtilitysOwnScoreAndClosesAfterTwoWeeksBelowHalfOfIt() {
        TheftCase c = new TheftCase();
        for (int k = 1; k <= 10; k++) {
            c.observe(report(DAY0 + k - 1, true, 5), drop(4), null, null);
            assertThat(c.judge(report(DAY0 + k - 1, true, 5), 0.8)).as("day %d", k).isNull();
        }
        c.observe(report(DAY0 + 10, true, 5), drop(4), null, null);
        Alert a = c.judge(report(DAY0 + 10, true, 5), 0.8);
        assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(a.score()).isCloseTo(0.842, within(0.0006));
        assertThat(a.alertId()).isEqualTo(id(DAY0 + 10));
        for (int j = 1; j <= 17; j++) {
            long day = DAY0 + 10 + j;
            c.observe(report(day, true, 5), new double[Feature.COUNT], null, null);
            Alert next = c.judge(report(day, true, 5), 0.8);
            boolean closed = next != null && next.status() == AlertStatus.CLOSED;
            assertThat(closed).as("quiet day j = %d", j).isEqualTo(j == 17);
        }
    }

    @Test
    void theAlertScoreIsAProbabilityAboveZeroAndBelowOne() {
        assertThat(TheftCase.checkedRaise(0.8)).isEqualTo(0.8);
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> TheftCase.checkedRaise(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("above 0 and below 1");
        }
    }

    @Test
    void anAlertOpensWhenTheScoreReachesOneHalf() {
        TheftCase c = new TheftCase();
        Alert a = open(c, 5);
        // x_7 = 4 · (1 − 0.9^7) = 2.0868, S = 3.1302, score = 1 / (1 + e^−0.1953) = 0.5487
        double x7 = 4 * (1 - Math.pow(0.9, 7));
        assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(a.alertId()).isEqualTo("theft:C1:20260307");
        assertThat(a.type()).isEqualTo(AlertType.THEFT);
        assertThat(a.score()).isCloseTo(score(x7), within(0.0006)); // rounded to 3 decimals
        assertThat(a.rule()).isEqualTo("sustained-drop");
        assertThat(a.tsMillis()).isEqualTo((DAY0 + 7) * Days.DAY);
        // 5 CNY a day × 30 = 150 at risk; 0.549 × 150 = 82.3 ≥ 20 → MEDIUM
        assertThat(a.valueAtRiskCny()).isEqualTo(150.0);
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void aDepartureClosesTheOpenAlertWithItsReasonAndTheScoreAsLastEmitted() {
        TheftCase c = new TheftCase();
        Alert opened = open(c, 5);
        DayReport left =
                DayReport.leaving(
                        "C1",
                        "M1",
                        "A1",
                        "RESIDENTIAL",
                        DAY0 + 7,
                        (DAY0 + 7) * Days.DAY + 1,
                        "moved to area A2");
        Alert closed = c.onDeparture(left);
        assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(closed.alertId()).isEqualTo(opened.alertId());
        assertThat(closed.areaId()).isEqualTo("A1"); // closed where it was open
        assertThat(closed.tsMillis()).isEqualTo((DAY0 + 7) * Days.DAY + 1);
        assertThat(closed.evidence())
                .containsEntry("closedBecause", "moved to area A2")
                .containsEntry("day", "2026-03-08");
        // no day was added: the score is the evidence's on day 7, decayed to day 8, not raised
        assertThat(closed.score()).isLessThanOrEqualTo(opened.score());
        assertThat(closed.valueAtRiskCny()).isEqualTo(150.0); // 5 CNY a day × 30, as when opened
        assertThat(c.alertId).isNull();
    }

    @Test
    void aDepartureWithoutAnOpenAlertSaysNothingAndADayIsNoDeparture() {
        TheftCase c = new TheftCase();
        assertThat(
                        c.onDeparture(
                                DayReport.leaving(
                                        "C1",
                                        "M1",
                                        "A1",
                                        "RESIDENTIAL",
                                        DAY0,
                                        DAY0 * Days.DAY,
                                        "removed")))
                .isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> c.onDeparture(report(DAY0, true, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a departure");
    }

    @Test
    void anOpenAlertIsUpdatedWhenItsScoreMovesMaterially() {
        TheftCase c = new TheftCase();
        String id = open(c, 5).alertId();
        // day 8: x = 4 · (1 − 0.9^8) = 2.2781, S 3.4172, score 0.6515: 0.103 ≥ 0.05 from 0.5487
        Alert updated = c.onDay(report(DAY0 + 7, true, 5), drop(4));
        assertThat(updated.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(updated.alertId()).isEqualTo(id);
        assertThat(updated.score()).isCloseTo(score(4 * (1 - Math.pow(0.9, 8))), within(0.0006));
        // a day at the smoothed values themselves leaves the score: nothing to say
        double x8 = c.evidence.smoothed[Feature.LEVEL.ordinal()];
        assertThat(c.onDay(report(DAY0 + 8, true, 5), drop(x8))).isNull();
    }

    @Test
    void anInspectionClosesTheAlertWithItsOutcomeAndTheCaseStartsAfresh() {
        for (InspectionOutcome outcome : InspectionOutcome.values()) {
            TheftCase c = new TheftCase();
            String first = open(c, 5).alertId();
            Alert closed = c.onDay(report(DAY0 + 7, true, 5).withInspected(outcome), drop(4));
            assertThat(closed.status()).as("%s", outcome).isEqualTo(AlertStatus.CLOSED);
            assertThat(closed.alertId()).isEqualTo(first);
            assertThat(closed.evidence()).containsEntry("inspection", outcome.name());
            // The evidence starts from nothing: at z = 4 again the score takes the same seven
            // days to reach one half, and that is a new case with a new id (after a confirmed
            // theft, a repeat offence).
            assertThat(c.evidence.smoothed[Feature.LEVEL.ordinal()]).isZero();
            for (int k = 1; k <= 6; k++) {
                assertThat(c.onDay(report(DAY0 + 7 + k, true, 5), drop(4))).isNull();
            }
            Alert again = c.onDay(report(DAY0 + 14, true, 5), drop(4));
            assertThat(again.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(again.alertId()).isEqualTo(id(DAY0 + 14));
        }
    }

    @Test
    void anInspectionWithoutAnOpenAlertSaysNothing() {
        TheftCase c = new TheftCase();
        assertThat(
                        c.onDay(
                                report(DAY0, true, 5).withInspected(InspectionOutcome.NO_FINDING),
                                drop(4)))
                .isNull();
    }

    @Test
    void anOpenAlertIsUpdatedWhenItsSeverityChanges() {
        TheftCase c = new TheftCase();
        open(c, 5);
        double x = c.evidence.smoothed[Feature.LEVEL.ordinal()];
        // the same score; loss smoothed 5 + 0.1 · (−40 − 5) = 0.5 a day → 15 CNY, 0.549 × 15 < 20:
        // LOW
        Alert a = c.onDay(report(DAY0 + 7, true, -40), drop(x));
        assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(a.severity()).isEqualTo(Severity.LOW);
        assertThat(a.valueAtRiskCny()).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void anAlertClosesAfterFourteenQuietDaysAndALaterCaseHasANewId() {
        TheftCase c = new TheftCase();
        String first = open(c, 5).alertId();
        // z = 0 from x_7 = 2.0868: after j days x = 2.0868 · 0.9^j; score < 0.25 needs
        // S < 3 − ln 3 / 1.5 = 2.2676, x < 1.5117
        // j = 3: x = 1.5213, S = 2.282, score 0.254 ≥ 0.25; j = 4: x = 1.3692, S = 2.054, 0.195
        // quiet from j = 4: the 14th quiet day is j = 17
        long day = DAY0 + 6;
        for (int j = 1; j <= 16; j++) {
            Alert a = c.onDay(report(++day, true, 5), drop(0));
            if (a != null) {
                assertThat(a.status()).as("day %d", j).isEqualTo(AlertStatus.UPDATED);
            }
        }
        Alert closed = c.onDay(report(++day, true, 5), drop(0));
        assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(closed.alertId()).isEqualTo(first);
        // a new case: from x = 2.0868 · 0.9^17 = 0.3480 at z = 4, x_j = 4 − 3.6520 · 0.9^j
        // j = 5: 1.8435, S 2.765 < 3; j = 6: 2.0592, S 3.089 ≥ 3 → opens on the 6th day
        for (int j = 1; j <= 5; j++) {
            assertThat(c.onDay(report(++day, true, 5), drop(4))).as("day %d", j).isNull();
        }
        Alert again = c.onDay(report(++day, true, 5), drop(4));
        assertThat(again.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(again.alertId()).isEqualTo(id(day)).isNotEqualTo(first);
    }

    @Test
    void severityWeighsTheScoreAndTheMoneyAtRisk() {
        assertThat(TheftCase.severity(0.8, 100)).isEqualTo(Severity.HIGH);
        assertThat(TheftCase.severity(0.8, 99.9)).as("score alone").isEqualTo(Severity.MEDIUM);
        assertThat(TheftCase.severity(0.79, 1000))
                .as("0.79 × 1000 ≥ 20")
                .isEqualTo(Severity.MEDIUM);
        assertThat(TheftCase.severity(0.5, 40)).as("0.5 × 40 = 20").isEqualTo(Severity.MEDIUM);
        assertThat(TheftCase.severity(0.5, 39.9)).as("19.95 < 20").isEqualTo(Severity.LOW);
        assertThat(TheftCase.severity(0.9, Double.NaN)).isEqualTo(Severity.MEDIUM);
        assertThat(TheftCase.severity(0.5, Double.NaN)).isEqualTo(Severity.LOW);
    }

    @Test
    void theValueAtRiskIsTheSmoothedDailyLossTimesThirtyAndNeverNegative() {
        TheftCase c = new TheftCase();
        assertThat(c.valueAtRiskCny()).isNaN();
        c.onDay(report(DAY0, false, 99), drop(0));
        assertThat(c.valueAtRiskCny()).as("an unscored day's loss is not counted").isNaN();
        c.onDay(report(DAY0 + 1, true, 10), drop(0));
        assertThat(c.valueAtRiskCny()).isCloseTo(300.0, within(1e-9)); // 10 × 30
        c.onDay(report(DAY0 + 2, true, 20), drop(0));
        assertThat(c.valueAtRiskCny()).isCloseTo(330.0, within(1e-9)); // (10 + 0.1 · 10) × 30
        c.onDay(report(DAY0 + 3, true, Double.NaN), drop(0));
        assertThat(c.valueAtRiskCny()).as("unpriced").isCloseTo(330.0, within(1e-9));
        TheftCase gaining = new TheftCase();
        gaining.onDay(report(DAY0, true, -3), drop(0));
        assertThat(gaining.valueAtRiskCny()).isZero();
    }

    @Test
    void theEvidenceNamesWhatAnInspectorCanCheck() {
        TheftCase c = new TheftCase();
        c.onDay(report(DAY0, false, 5, true), drop(0)); // a tamper event on the first day
        Alert a = null;
        for (int k = 1; a == null && k < 30; k++) {
            a = c.onDay(report(DAY0 + k, true, 5), drop(4));
        }
        assertThat(a).isNotNull();
        assertThat(a.evidence())
                .containsOnlyKeys(
                        "day",
                        "recentDailyKwh",
                        "usualDailyKwh",
                        "levelChangePct",
                        "scoredDays",
                        "levelSpreads",
                        "baseSpreads",
                        "zerosSpreads",
                        "shapeSpreads",
                        "peakShareSpreads",
                        "flatnessSpreads",
                        "flatTopSpreads",
                        "standbyChangePct",
                        "zeroReadingShare",
                        "peakShareChangePts",
                        "profileCorrelation",
                        "flatTopReadingShare",
                        "tamperEventOn");
        assertThat(a.evidence().get("tamperEventOn")).isEqualTo("2026-03-01");
        assertThat(a.evidence().get("recentDailyKwh")).isEqualTo(10.0);
        assertThat(a.evidence().get("usualDailyKwh")).isEqualTo(20.0);
        assertThat(a.evidence().get("levelChangePct")).isEqualTo(-50.0); // 10 / 20 − 1
        assertThat(a.evidence().get("standbyChangePct")).isEqualTo(-20.0); // e^ln 0.8 − 1
        assertThat(a.evidence().get("zeroReadingShare")).isEqualTo(0.125);
        assertThat(a.evidence().get("peakShareChangePts")).isEqualTo(5.0);
        assertThat(a.evidence().get("profileCorrelation")).isEqualTo(0.9);
        assertThat(a.evidence().get("flatTopReadingShare")).isEqualTo(0.04);
        assertThat(a.evidence().get("zerosSpreads")).isEqualTo(0.0);
    }

    /**
     * The area's hourly fit, by hand: the days meter 10 kWh against a usual 20 (a drop D of 10 from
     * the first day), and the fit says β = 1 ± 0.1, so Ŝ = 1 × 10 = 10 ± 1 kWh a day. On day k the
     * drop holds w = 1 − 2^(−k/21) of the fit's weight: Λ = (wD)² / 2 (Ŝ above wD counts as wD), Λ
     * / 1.5 spreads, counted once the case's own strength 6·(1 − 0.9^k) reaches 1.5 (day 3). Day 4:
     * 2.063 + 0.510 = 2.573; day 5: 2.457 + (10 × 0.15214)² / 3 = 2.457 + 0.772 = 3.229: the alert
     * opens on day 5, two days before the case alone would, naming the fit.
     */
    @Test
    void theAreasHourlyFitAddsToTheCaseAndIsNamedInTheAlert() {
        TheftCase c = new TheftCase();
        LossRegression.Fit fit = new LossRegression.Fit(1, 0.1, 30);
        for (int k = 1; k <= 4; k++) {
            assertThat(c.onDay(report(DAY0 + k - 1, true, 5), drop(4), null, fit))
                    .as("day %d", k)
                    .isNull();
        }
        Alert a = c.onDay(report(DAY0 + 4, true, 5), drop(4), null, fit);
        assertThat(a).isNotNull();
        assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(a.evidence().get("areaLossPerMeteredKwh")).isEqualTo(1.0);
        assertThat(a.evidence().get("areaHourlyStolenKwh")).isEqualTo(10.0);
        assertThat((double) a.evidence().get("areaHourlySpreads")).isCloseTo(0.77, within(1e-9));
        assertThat((String) a.evidence().get("areaHourlyBalance"))
                .isEqualTo(
                        "area A1's hourly loss follows this customer's metered hours: 1.00 ± 0.10"
                                + " kWh lost per kWh metered (30 days), 10.0 kWh/day; its meter"
                                + " reads 10.0 kWh/day less than its usual day");
    }

    /**
     * A bypass beside weak evidence of the customer's own, by hand: a level and standby 0.8 spreads
     * low every day (smoothed 0.8·(1 − 0.9^k) each, the case's own strength 1.5 × that, at most
     * 1.2: under the area gate) and a tamper event every day (1.0). Alone that never reaches S₀ =
     * 3. With the area's hourly loss following the customer's hours, β = 0.6 ± 0.05 (a load around
     * the meter of 0.6 × the metered: the bypass's full spread, 1.0), S reaches 3 when the own
     * strength does 1: 1.2·(1 − 0.9^k) ≥ 1 first at k = 18 (0.9^17 = 0.16677 &gt; 1/6 ≥ 0.9^18 =
     * 0.15009).
     */
    @Test
    void aLoadAroundTheMeterTipsAWeakCaseAndIsNamedInTheAlert() {
        TheftCase alone = new TheftCase();
        TheftCase withFit = new TheftCase();
        LossRegression.Fit fit = new LossRegression.Fit(0.6, 0.05, 30);
        Alert opened = null;
        int openedOn = 0;
        for (int k = 1; k <= 40; k++) {
            DayReport day = report(DAY0 + k - 1, true, 5, true);
            assertThat(alone.onDay(day, drop(0.8), null, null)).as("day %d alone", k).isNull();
            Alert a = withFit.onDay(day, drop(0.8), null, fit);
            if (a != null && opened == null) {
                opened = a;
                openedOn = k;
            }
        }
        assertThat(openedOn).isEqualTo(18);
        assertThat(opened.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(opened.evidence().get("areaBypassSpreads")).isEqualTo(1.0);
        assertThat(opened.evidence().get("areaLossPerMeteredKwh")).isEqualTo(0.6);
        assertThat((String) opened.evidence().get("areaHourlyBalance"))
                .isEqualTo(
                        "area A1's hourly loss follows this customer's metered hours: 0.60 ± 0.05"
                                + " kWh lost per kWh metered (30 days), 6.0 kWh/day; its meter"
                                + " reads 10.0 kWh/day less than its usual day");
    }

    /**
     * A season that takes a quarter off every household of the area, and a meter made to read 0.8
     * of what is left: the customer's usual day is 20 kWh, its peers' move makes it 15, its meter
     * reads 12. The transformer supplies 5 kWh a day less (the season), the meters report 8 less,
     * and the area's loss (5% of 1000 kWh on the 14 days before) is 53 of 995 kWh: it rose by 53 −
     * 0.05 × 995 = 3.25 kWh a day, the 3 stolen (and their line loss). Matched against the usual
     * day moved as the peers moved, the drop D = 15 − 12 = 3 is explained by the rise: on the 10th
     * day σ² = (0.05 · 15 + 0.1)² / 10 + (0.005 × 995)² × (1/10 + 1/14) = 0.07225 + 4.242964 =
     * 4.315214, Λ = 3 · 3 / (2σ²) = 1.042777 nats, 0.695185 spreads for theft. Against the usual
     * day itself, D = 8 would be the area's to explain and its rise fell short of it: the same
     * customer was cleared (σ² = 1.1² / 10 + 4.242964 = 4.363964, Λ = 8 · (6.5 − 8) / (2σ²) =
     * −1.374896 nats, −0.916597 spreads).
     */
    @Test
    void aDropInASeasonIsMatchedAgainstTheUsualDayMovedAsThePeersMoved() {
        long d0 = DAY0 - 14;
        AreaBalance moved = new AreaBalance();
        AreaBalance unmoved = new AreaBalance();
        for (int d = 0; d < 14; d++) {
            moved.record(d0 + d, 1000, 950, 100);
            unmoved.record(d0 + d, 1000, 950, 100);
        }
        TheftCase asPeers = new TheftCase();
        TheftCase asUsual = new TheftCase();
        for (int k = 0; k < 10; k++) {
            moved.record(DAY0 + k, 995, 942, 100);
            unmoved.record(DAY0 + k, 995, 942, 100);
            DayReport r =
                    day(
                            DAY0 + k,
                            "RESIDENTIAL",
                            true,
                            new double[Feature.COUNT],
                            12,
                            20,
                            5,
                            MeterEvidence.NONE);
            asPeers.observe(r, drop(3), 15, moved, null);
            asUsual.observe(r, drop(3), unmoved, null);
        }
        LossMatch matched = asPeers.evidence.areaLoss;
        assertThat(matched.days).isEqualTo(10);
        assertThat(matched.meanDropKwh()).isCloseTo(3, within(1e-5));
        assertThat(matched.meanRiseKwh()).isCloseTo(3.25, within(1e-4));
        assertThat(matched.spreads).isCloseTo(0.695185f, within(1e-4f));
        LossMatch cleared = asUsual.evidence.areaLoss;
        assertThat(cleared.meanDropKwh()).isCloseTo(8, within(1e-5));
        assertThat(cleared.spreads).isCloseTo(-0.916597f, within(1e-4f));
    }

    /**
     * A case whose customer now reads above its usual day in every feature (all deviations −2) has
     * an own strength below 0, and no flat day: its alert's later versions are not named for flat
     * days it never had (they were, as 0 flat-day spreads outweighed the negative strength).
     */
    @Test
    void anAlertIsNamedForFlatDaysOnlyWhereThereAreSome() {
        TheftCase c = new TheftCase();
        Alert opened = null;
        for (int k = 0; k < 7; k++) {
            Alert a = c.onDay(report(DAY0 + k, true, 5), drop(4));
            opened = a != null ? a : opened;
        }
        assertThat(opened).isNotNull();
        assertThat(opened.rule()).isEqualTo("sustained-drop");
        double[] above = new double[Feature.COUNT];
        java.util.Arrays.fill(above, -2);
        int versions = 0;
        for (int k = 7; k < 60; k++) {
            Alert a = c.onDay(report(DAY0 + k, true, 5), above);
            if (a != null) {
                versions++;
                assertThat(a.rule()).as("day %d", k).isNotEqualTo(TheftCase.READS_FLAT);
            }
        }
        assertThat(versions).isPositive();
        assertThat(c.evidence.ownStrength()).isNegative();
        assertThat(c.evidence.flatLinedSpreads(DAY0 + 59)).isZero();
    }
}
