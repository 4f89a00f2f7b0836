package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.Alert;
import org.junit.jupiter.api.Test;

/**
 * The area's loss matched with a customer's drop, worked by hand. The constants are checked by name
 * in {@link #theDefaultsAreTheDocumentedOnes}; the expected values below are written out from them.
 */
class LossMatchTest {
    private static final long D0 = LocalDate.of(2026, 2, 1).toEpochDay();

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(LossMatch.ALLOWANCE).isEqualTo(0.5);
        assertThat(LossMatch.BEFORE_DAYS).isEqualTo(14);
        assertThat(LossMatch.WINDOW_DAYS).isEqualTo(28);
        assertThat(LossMatch.MIN_BEFORE_DAYS).isEqualTo(7);
        assertThat(LossMatch.MIN_DAYS).isEqualTo(3);
        assertThat(LossMatch.MAX_SPREADS).isEqualTo(2.0);
        assertThat(LossMatch.SHORTFALL).isEqualTo(2.0);
        assertThat(LossMatch.MIN_DAY_SPREAD_SHARE).isEqualTo(0.05);
        assertThat(LossMatch.MIN_DAY_SPREAD_KWH).isEqualTo(0.1);
        assertThat(AreaBalance.MIN_SPREAD).isEqualTo(0.005);
        assertThat(TheftEvidence.STEEPNESS).isEqualTo(1.5);
        assertThat(TheftEvidence.AREA_GATE).isEqualTo(1.5);
    }

    @Test
    void theUncertaintyIsTheCustomersAndTheAreasTogether() {
        // customer: variance 4 kWh² over 14 days = 0.285714 (its floor, (0.05 · 12 + 0.1)² =
        // 0.49, is lower); area: 0.006 × 2000 kWh = 12 kWh a day, 144 × (1/14 + 1/14) = 20.571429
        assertThat(LossMatch.variance(4, 12, 2000, 0.006, 14, 14))
                .isCloseTo(20.857143, within(1e-6));
        // floors: a steady customer counts (0.05 · 12 + 0.1)² = 0.49 / 14 = 0.035; an area whose
        // loss never moved counts AreaBalance.MIN_SPREAD: (0.005 × 2000)² × 2/14 = 14.285714
        assertThat(LossMatch.variance(0, 12, 2000, 0.003, 14, 14))
                .isCloseTo(14.320714, within(1e-6));
    }

    @Test
    void theLogLikelihoodRatioWeighsTheRiseAgainstTheDrop() {
        double sigma2 = 20.857143;
        // D = 6, R = 5: 6 · (10 − 6) / (2 · 20.857143) = 0.575342 nats = 0.383562 spreads
        double partly = LossMatch.logLikelihoodRatio(6, 5, sigma2);
        assertThat(partly).isCloseTo(0.575342, within(1e-6));
        assertThat(LossMatch.spreads(partly)).isCloseTo(0.383562, within(1e-6));
        // R = 10 > D: counted as 6, the rest is someone else's: 36 / 41.714286 = 0.863014
        assertThat(LossMatch.logLikelihoodRatio(6, 10, sigma2)).isCloseTo(0.863014, within(1e-6));
        assertThat(LossMatch.logLikelihoodRatio(6, 1000, sigma2)).isCloseTo(0.863014, within(1e-6));
        // R = 2 < D/2: the honest drop explains the area better: 6 · (4 − 6) / 41.714286 =
        // −0.287671 nats, −0.191781 spreads off the case
        double against = LossMatch.logLikelihoodRatio(6, 2, sigma2);
        assertThat(against).isCloseTo(-0.287671, within(1e-6));
        assertThat(LossMatch.spreads(against)).isCloseTo(-0.191781, within(1e-6));
        // at least −MAX_CLEARING_SPREADS: −4 nats / 1.5 = −2.67 → −2
        assertThat(LossMatch.MAX_CLEARING_SPREADS).isEqualTo(2.0);
        assertThat(LossMatch.spreads(-4)).isEqualTo(-2.0);
        // no drop, nothing to match
        assertThat(LossMatch.logLikelihoodRatio(0, 5, sigma2)).isZero();
        assertThat(LossMatch.logLikelihoodRatio(-3, 5, sigma2)).isZero();
        // at most MAX_SPREADS: 4 nats / 1.5 = 2.67 → 2
        assertThat(LossMatch.spreads(4)).isEqualTo(2.0);
    }

    /** 14 days, D0 to D0 + 13, of supply 1000 kWh and 950 metered: 5% loss. */
    private static AreaBalance area() {
        AreaBalance a = new AreaBalance();
        for (int d = 0; d < 14; d++) {
            assertThat(a.record(D0 + d, 1000, 950, 100)).isTrue();
        }
        return a;
    }

    /**
     * A customer whose usual day is 20 kWh reads 16 from D0 + 14 (a drop of 4 kWh a day, 3 spreads
     * net of its peers) while the area's loss rises from 5% to 5.4% of 1000 kWh: 4 kWh a day, the
     * same.
     */
    @Test
    void aDropTheAreasLossRoseWithIsEvidence() {
        AreaBalance a = area();
        LossMatch m = new LossMatch();
        double[] expected = new double[29];
        // n days matched: σ² = 1.21/n (the customer's floor, (0.05 · 20 + 0.1)²) + 25 · (1/n +
        // 1/14) (the area's floor, 0.005 × 1000 kWh); Λ = 4 · (8 − 4) / (2σ²) = 8 / σ²
        expected[3] = 8 / (1.21 / 3 + 25 * (1.0 / 3 + 1.0 / 14)); // 0.760284
        expected[14] = 8 / (1.21 / 14 + 25 * (2.0 / 14)); // 2.187073
        expected[28] = 8 / (1.21 / 28 + 25 * (1.0 / 28 + 1.0 / 14)); // 2.939247
        assertThat(expected[3]).isCloseTo(0.760284, within(1e-6));
        assertThat(expected[14]).isCloseTo(2.187073, within(1e-6));
        assertThat(expected[28]).isCloseTo(2.939247, within(1e-6));
        for (int n = 1; n <= 30; n++) {
            long day = D0 + 13 + n;
            a.record(day, 1000, 946, 100);
            m.onDay(day, 3, 16, 20, a);
            if (n == 1) {
                assertThat(m.from).isEqualTo((int) (D0 + 14));
                assertThat(m.beforeDays).isEqualTo(14);
                assertThat(m.beforeLossRate).isCloseTo(0.05f, within(1e-6f));
            }
            if (n < 3) {
                assertThat(m.spreads).as("day %d", n).isZero();
                assertThat(m.describe("A1")).as("day %d", n).isNull();
            }
            if (n == 3 || n == 14 || n == 28) {
                assertThat(m.spreads)
                        .as("day %d", n)
                        .isCloseTo((float) (expected[n] / 1.5), within(1e-4f));
            }
        }
        // after 28 matched days the match holds while the drop goes on
        assertThat(m.days).isEqualTo(28);
        assertThat(m.spreads).isCloseTo((float) (expected[28] / 1.5), within(1e-4f));
        assertThat(m.meanDropKwh()).isCloseTo(4, within(1e-4));
        assertThat(m.meanRiseKwh()).isCloseTo(4, within(1e-3));
        assertThat(m.areaFrom).isEqualTo((int) (D0 + 14));
        assertThat(LossMatch.REPORTED_SPREADS).isEqualTo(0.25);
        assertThat(m.describe("A1"))
                .isEqualTo(
                        "area A1's loss rose 4.0 kWh/day from 2026-02-15; this customer's metered"
                                + " energy fell 4.0 kWh/day below its usual day moved as its peers"
                                + " moved, from 2026-02-15 (28 days)");
    }

    /**
     * The same customer's drop of 4 kWh a day, but the transformer supplied 4 kWh less too (the
     * area's loss stays at 5%: 49.8 of 996 kWh): the household uses less, its meter reads true. R =
     * 0, Λ = 4 · (2 · 0 − 4) / (2σ²) = −8/σ², with the area's floor now 0.005 × 996 kWh: on day n,
     * σ² = 1.21/n + 24.8004 · (1/n + 1/14).
     */
    @Test
    void aDropTheAreasLossDidNotRiseWithClearsTheCustomer() {
        AreaBalance a = area();
        LossMatch m = new LossMatch();
        double day3 = 1.21 / 3 + 24.8004 * (1.0 / 3 + 1.0 / 14); // 10.441590
        double day14 = 1.21 / 14 + 24.8004 * (2.0 / 14); // 3.629343
        assertThat(-8 / day3 / 1.5).isCloseTo(-0.510778, within(1e-6));
        assertThat(-8 / day14 / 1.5).isCloseTo(-1.469503, within(1e-6));
        for (int n = 1; n <= 14; n++) {
            long day = D0 + 13 + n;
            a.record(day, 996, 946.2, 100);
            m.onDay(day, 3, 16, 20, a);
            if (n < 3) {
                assertThat(m.spreads).as("day %d", n).isZero();
            }
            // the area's rise (0) against the drop (4) less 2σ: on day 11, σ² = 1.21/11 + 24.8004
            // · (1/11 + 1/14) = 4.135717, 4 − 2 · 2.033646 = −0.067292 < 0: not yet short; on day
            // 12, σ² = 3.939327, 4 − 2 · 1.984774 = 0.030452 > 0: short
            assertThat(m.shortfall).as("day %d", n).isEqualTo(n >= 12);
            if (n == 3) {
                assertThat(m.spreads).isCloseTo(-0.510778f, within(1e-4f));
            }
        }
        assertThat(m.spreads).isCloseTo(-1.469503f, within(1e-4f));
        assertThat(m.describe("A1"))
                .isEqualTo(
                        "area A1's loss rose 0.0 kWh/day while this customer's metered energy fell"
                                + " 4.0 kWh/day below its usual day moved as its peers moved, from"
                                + " 2026-02-15 (14 days): its supply fell with the meter, as when a"
                                + " household uses less");
        // the area's loss rises by 4 kWh a day for the next 14 days: half the drop on average
        // (R = 2), Λ = 4 · (2 · 2 − 4) / (2σ²) = 0; a drop the area once fell short of gains no
        // evidence for theft in the rest of its match
        for (int n = 15; n <= 28; n++) {
            long day = D0 + 13 + n;
            a.record(day, 1000, 946, 100);
            m.onDay(day, 3, 16, 20, a);
            assertThat(m.spreads).as("day %d", n).isLessThanOrEqualTo(0f);
        }
        assertThat(m.meanRiseKwh()).isCloseTo(2, within(1e-3));
        assertThat(m.spreads).isCloseTo(0f, within(1e-3f));
    }

    /**
     * An area whose loss <em>fell</em> while the customer's drop went on: from 5% to 4% of 1000
     * kWh, R = −10 kWh a day, more than 2σ below 0 (day 3: σ² = 1.21/3 + 25 · (1/3 + 1/14) =
     * 10.522381, 2σ = 6.487637). No honest drop does that (it leaves the loss where it was): a
     * supply meter reading low. The match says nothing, where Λ = 4 · (−20 − 4) / (2 · 10.522381) =
     * −4.56 nats would have cleared the customer by the most.
     */
    @Test
    void anAreaWhoseLossFellSaysNothing() {
        AreaBalance a = area();
        LossMatch m = new LossMatch();
        for (int n = 1; n <= 10; n++) {
            long day = D0 + 13 + n;
            a.record(day, 1000, 960, 100);
            m.onDay(day, 3, 16, 20, a);
            assertThat(m.spreads).as("day %d", n).isZero();
        }
        assertThat(m.meanRiseKwh()).isCloseTo(-10, within(1e-3));
        assertThat(LossMatch.logLikelihoodRatio(4, -10, 10.522381))
                .isCloseTo(-4.561705, within(1e-6));
        assertThat(m.describe("A1")).isNull();
    }

    /**
     * The daily match and the hourly fit weigh the same stolen energy. Where they agree the
     * stronger counts, not their sum; where they disagree, the daily match for theft stands, and a
     * daily clearing is offset by the fit's evidence for theft. Own strength 1.7 (level 1.2,
     * standby 1.0).
     */
    @Test
    void theDailyMatchAndTheHourlyFitCountOnceTogether() {
        TheftEvidence e = new TheftEvidence();
        e.smoothed[Feature.LEVEL.ordinal()] = 1.2f;
        e.smoothed[Feature.BASE.ordinal()] = 1.0f;
        e.scoredDays = 1;
        e.hourlyStolenSe = 1;
        double[][] cases = {
            // daily, hourly, what the area adds
            {1.4, 0.6, 1.4}, // both for theft: the stronger
            {0.6, 1.4, 1.4},
            {
                1.4, -2, 1.4
            }, // the area's energy rose by the drop: the fit's clearing does not undo it
            {0, -1.2, -1.2}, // the daily match says nothing: the fit's
            {0, 0.9, 0.9},
            {-1.5, -0.5, -1.5}, // both clear: the stronger clearing
            {-0.5, -1.5, -1.5},
            {-1.5, 0.9, -0.6}, // a daily clearing, the fit for theft: offset
        };
        for (double[] c : cases) {
            e.areaLoss.spreads = (float) c[0];
            e.hourlySpreads = (float) c[1];
            assertThat(e.strength(0))
                    .as("daily %s, hourly %s", c[0], c[1])
                    .isCloseTo(1.7 + c[2], within(1e-6));
        }
        // without an hourly fit, the daily match alone, either way
        e.hourlyStolenSe = Float.NaN;
        e.areaLoss.spreads = -1.5f;
        assertThat(e.strength(0)).isCloseTo(0.2, within(1e-6));
    }

    @Test
    void theDropEndsWhenPagesStatisticReturnsToZero() {
        AreaBalance a = area();
        LossMatch m = new LossMatch();
        a.record(D0 + 14, 1000, 946, 100);
        m.onDay(D0 + 14, 3, 16, 20, a); // C = 2.5
        assertThat(m.drive).isEqualTo(2.5f);
        assertThat(m.days).isEqualTo(1);
        a.record(D0 + 15, 1000, 950, 100);
        m.onDay(D0 + 15, -2, 22, 20, a); // C = max(0, 2.5 − 2 − 0.5) = 0: over
        assertThat(m.drive).isZero();
        assertThat(m.from).isEqualTo(LossMatch.NONE);
        assertThat(m.days).isZero();
        // a day at the allowance itself leaves C at 0: no drop begins
        m.onDay(D0 + 16, 0.5, 19, 20, a);
        assertThat(m.from).isEqualTo(LossMatch.NONE);
    }

    @Test
    void withoutSupplyReadingsOrTheAreasPastThereIsNoMatch() {
        LossMatch none = new LossMatch();
        for (int n = 0; n < 10; n++) {
            none.onDay(D0 + n, 3, 16, 20, null);
        }
        assertThat(none.from).isEqualTo((int) D0);
        assertThat(none.days).isZero();
        assertThat(none.spreads).isZero();
        // an area with fewer than 7 balanced days before the drop: its usual loss is not known
        AreaBalance young = new AreaBalance();
        for (int d = 8; d < 14; d++) {
            young.record(D0 + d, 1000, 950, 100);
        }
        LossMatch m = new LossMatch();
        for (int n = 14; n < 24; n++) {
            young.record(D0 + n, 1000, 946, 100);
            m.onDay(D0 + n, 3, 16, 20, young);
        }
        assertThat(m.beforeDays).isEqualTo(6);
        assertThat(m.days).isZero();
        assertThat(m.spreads).isZero();
    }

    @Test
    void theAreaKeepsItsRecentDaysInARing() {
        AreaBalance a = new AreaBalance();
        a.record(D0, 1000, 950, 100);
        a.record(D0 + 2, 0, 900, 100); // no supply: not balanced
        assertThat(a.lossRateOn(D0)).isCloseTo(0.05, within(1e-7));
        assertThat(a.suppliedOn(D0)).isEqualTo(1000.0);
        assertThat(a.lossRateOn(D0 + 1)).isNaN(); // never recorded
        assertThat(a.lossRateOn(D0 + 2)).isNaN();
        assertThat(a.lossRateOn(D0 + 3)).isNaN(); // not yet
        a.record(D0 + AreaBalance.RECENT_DAYS, 1000, 900, 100);
        assertThat(a.lossRateOn(D0)).isNaN(); // fell out of the ring
        assertThat(a.lossRateOn(D0 + AreaBalance.RECENT_DAYS)).isCloseTo(0.1, within(1e-7));
        // a day the meters did not all report is not balanced (as AREA_LOSS does not judge it)
        a.usualMeters = 100;
        a.days = 20;
        assertThat(a.record(D0 + AreaBalance.RECENT_DAYS + 1, 1000, 900, 97)).isFalse();
        assertThat(a.lossRateOn(D0 + AreaBalance.RECENT_DAYS + 1)).isNaN();
        assertThat(a.record(D0 + AreaBalance.RECENT_DAYS + 2, 1000, 900, 98)).isTrue();
    }

    @Test
    void theAreasUsualLossBeforeADayIsItsMeanAndSpread() {
        AreaBalance a = new AreaBalance();
        for (int d = 0; d < 14; d++) {
            a.record(D0 + d, 1000, d % 2 == 0 ? 960 : 940, 100); // 4%, 6%, 4%, ...
        }
        AreaBalance.Before b = a.before(D0 + 14, 14);
        assertThat(b.days()).isEqualTo(14);
        assertThat(b.lossRate()).isCloseTo(0.05, within(1e-7));
        // mean absolute deviation 0.01 × 1.2533
        assertThat(b.spread()).isCloseTo(0.012533, within(1e-7));
        assertThat(a.before(D0, 14).days()).isZero();
    }

    @Test
    void theAreasOwnRiseIsDatedByItsDays() {
        AreaBalance a = area();
        // the loss rises from D0 + 16; asked near D0 + 14, the area's own days say D0 + 16
        a.record(D0 + 14, 1000, 950, 100);
        a.record(D0 + 15, 1000, 950, 100);
        for (int d = 16; d < 30; d++) {
            a.record(D0 + d, 1000, 940, 100);
        }
        assertThat(a.riseFrom(D0 + 14, 3, 14, D0 + 29)).isEqualTo(D0 + 16);
        assertThat(a.riseFrom(D0 + 14, 1, 14, D0 + 29)).isEqualTo(D0 + 15);
    }

    @Test
    void theMatchCountsOnlyBesideTheCustomersOwnEvidence() {
        TheftEvidence weak = new TheftEvidence();
        weak.smoothed[Feature.LEVEL.ordinal()] = 0.8f; // own: 0.8 + 0.5 · 0 = 0.8 < 1.5
        weak.scoredDays = 1;
        weak.areaLoss.spreads = 2;
        assertThat(weak.strength(0)).isCloseTo(0.8, within(1e-6));
        TheftEvidence strong = new TheftEvidence();
        strong.smoothed[Feature.LEVEL.ordinal()] = 1.2f;
        strong.smoothed[Feature.BASE.ordinal()] = 1.0f; // own: 1.2 + 0.5 · 1.0 = 1.7 ≥ 1.5
        strong.scoredDays = 1;
        strong.areaLoss.spreads = 1.4f;
        assertThat(strong.strength(0)).isCloseTo(3.1, within(1e-6));
    }

    @Test
    void theAlertSaysWhatTheAreaAndTheMeterSaid() {
        AreaBalance a = area();
        TheftCase c = new TheftCase();
        double[] net = new double[Feature.COUNT];
        net[Feature.LEVEL.ordinal()] = 4;
        net[Feature.BASE.ordinal()] = 4;
        Alert last = null;
        for (int n = 1; n <= 10; n++) {
            long day = D0 + 13 + n;
            a.record(day, 1000, 946, 100);
            Alert alert = c.onDay(report(day), net, a);
            last = alert == null ? last : alert;
        }
        assertThat(last).isNotNull();
        Map<String, Object> e = last.evidence();
        assertThat(e)
                .containsEntry("areaLossRiseKwh", 4.0)
                .containsEntry("areaLossRiseFrom", "2026-02-15")
                .containsEntry("meteredDropKwh", 4.0)
                .containsEntry("meteredDropFrom", "2026-02-15");
        assertThat((String) e.get("areaBalance"))
                .startsWith("area A1's loss rose 4.0 kWh/day from 2026-02-15; this customer's");
        assertThat((Double) e.get("areaBalanceSpreads")).isGreaterThan(0.0);
    }

    /**
     * A match as the class comment keeps it, written out: {@code days} days from {@code from}, a
     * drop of 6 kWh a day with a day-to-day variance of 4 kWh², a usual day of 12 kWh, the area's
     * rise {@code rise} kWh a day over a supply of 2,000 kWh a day whose loss rate had a spread of
     * 0.006 over the 14 days before, and what it adds alone ({@code spreads}).
     */
    private static LossMatch matched(long from, int days, double rise, double spreads) {
        LossMatch m = new LossMatch();
        m.from = (int) from;
        m.days = days;
        m.dropKwh = 6f * days;
        // Σ d² = 4 · (n − 1) + n · 36, so that the sample variance is 4
        m.dropSquaredKwh = 4f * (days - 1) + 36f * days;
        m.usualKwh = 12f * days;
        m.riseKwh = (float) (rise * days);
        m.suppliedKwh = 2000f * days;
        m.beforeSpread = 0.006f;
        m.beforeDays = 14;
        m.spreads = (float) spreads;
        return m;
    }

    /** Shares the area's rise of {@code today} among the claimants. */
    private static void share(long today, LossMatch.Claimant... claimants) {
        LossMatch.share(List.of(claimants), today);
    }

    private static LossMatch.Claimant claim(String customerId, double ownStrength, LossMatch m) {
        return new LossMatch.Claimant(customerId, ownStrength, m);
    }

    @Test
    void aRiseIsClaimedOnceStrongestCaseFirst() {
        long today = D0 + 13;
        // Alone, each match of a 6 kWh drop with a 10 kWh rise over 14 days adds 36 / (2 ·
        // 20.857143) = 0.863014 nats = 0.575342 spreads (σ² as in the uncertainty test above).
        LossMatch a = matched(D0, 14, 10, 0.575342);
        LossMatch b = matched(D0, 14, 10, 0.575342);
        share(today, claim("B", 2.0, b), claim("A", 4.0, a));
        // A's own load says more: it claims its 6 kWh of the rise and keeps its match
        assertThat(a.theftSpreads()).isCloseTo(0.575342, within(1e-6));
        assertThat(Float.isNaN(a.sharedSpreads)).isTrue();
        // B is left 10 − 6 = 4 kWh: 6 · (8 − 6) / 41.714286 = 0.287671 nats, 0.191781 spreads
        assertThat(b.theftSpreads()).isCloseTo(0.191781, within(1e-6));
        assertThat(b.spreads).isCloseTo(0.575342f, within(1e-6f)); // its own match is kept
    }

    @Test
    void aDropThatBeganLaterClaimsTheDaysItWasOn() {
        long today = D0 + 13;
        LossMatch a = matched(D0, 14, 10, 0.575342);
        LossMatch b = matched(D0, 14, 10, 0.575342);
        // C's drop began a week after A's and B's: 7 days matched, its σ² = 4/7 + 144 · (1/7 +
        // 1/14) = 31.428571. A's drop was on for half of the 14 days before C's match (its usual),
        // so half of A's 6 kWh is in C's rise: 10 − 3 = 7 ≥ 6, C keeps 36 / 62.857143 = 0.572727
        // nats = 0.381818 spreads and claims its 6 kWh for its days.
        LossMatch c = matched(D0 + 7, 7, 10, 0.381818);
        share(today, claim("B", 2.0, b), claim("C", 3.0, c), claim("A", 4.0, a));
        assertThat(c.theftSpreads()).isCloseTo(0.381818, within(1e-6));
        // B is left 10 − 6 (A, all its days) − 6 · 7/14 (C, half its days) = 1 kWh: Λ = 6 · (2 −
        // 6) / 41.714286 = −0.575342 nats, which takes B's theft evidence to 0 and no further
        assertThat(b.theftSpreads()).isEqualTo(0.0);
    }

    @Test
    void aDropLongUnderWayIsInTheUsualNotInTheRise() {
        LossMatch b = matched(D0, 14, 10, 0.575342);
        // a drop that began 14 days or more before B's: in the 14 days B's usual loss came from
        assertThat(b.shareOfRise(D0 - 14, D0 + 13)).isEqualTo(0.0);
        assertThat(b.shareOfRise(D0 - 30, D0 + 13)).isEqualTo(0.0);
        // a week before: on for all B's days and half its usual's
        assertThat(b.shareOfRise(D0 - 7, D0 + 13)).isCloseTo(0.5, within(1e-9));
        // with B: all of it; from B's last day on: 1 of its 14 days
        assertThat(b.shareOfRise(D0, D0 + 13)).isCloseTo(1.0, within(1e-9));
        assertThat(b.shareOfRise(D0 + 13, D0 + 13)).isCloseTo(1.0 / 14, within(1e-9));
    }

    @Test
    void aClearingAndALoneMatchAreNotShared() {
        long today = D0 + 13;
        LossMatch alone = matched(D0, 14, 10, 0.575342);
        share(today, claim("A", 4.0, alone));
        assertThat(Float.isNaN(alone.sharedSpreads)).isTrue();
        LossMatch a = matched(D0, 14, 10, 0.575342);
        // a match that clears (the area's loss did not follow this drop) claims nothing and is
        // not taken below what it says
        LossMatch clearing = matched(D0, 14, 1, -0.383562);
        LossMatch b = matched(D0, 14, 10, 0.575342);
        share(today, claim("A", 4.0, a), claim("D", 5.0, clearing), claim("B", 2.0, b));
        assertThat(clearing.theftSpreads()).isCloseTo(-0.383562, within(1e-6));
        assertThat(b.theftSpreads()).isCloseTo(0.191781, within(1e-6));
        // the next day's match starts afresh: the share is the day's only
        b.onDay(today + 1, 0, 6, 12, null);
        assertThat(Float.isNaN(b.sharedSpreads)).isTrue();
    }

    private static DayReport report(long day) {
        return new DayReport(
                "C1",
                "M1",
                "A1",
                "RESIDENTIAL",
                day,
                (day + 1) * Days.DAY,
                true,
                new double[Feature.COUNT],
                new double[Feature.COUNT],
                new float[Feature.COUNT],
                16,
                20,
                1,
                false,
                false,
                false,
                false);
    }
}
