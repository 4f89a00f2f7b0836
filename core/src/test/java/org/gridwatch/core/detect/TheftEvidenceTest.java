package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The hand-worked examples assume the default tuning: SMOOTHING 0.1, MAX_Z 4, MIDPOINT 3.0, MIN_Z
 * −2 (checked in {@link #theDefaultsAreTheDocumentedOnes}); others use the constants by name.
 */
class TheftEvidenceTest {
    private static final long D = 20_000;

    private static double[] z(Feature f, double value) {
        double[] z = new double[Feature.COUNT];
        z[f.ordinal()] = value;
        return z;
    }

    private static TheftEvidence with(double... smoothedByOrdinal) {
        TheftEvidence e = new TheftEvidence();
        for (int i = 0; i < smoothedByOrdinal.length; i++) {
            e.smoothed[i] = (float) smoothedByOrdinal[i];
        }
        e.scoredDays = 1;
        return e;
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        assertThat(TheftEvidence.SMOOTHING).isEqualTo(0.1);
        assertThat(TheftEvidence.MAX_Z).isEqualTo(4.0);
        assertThat(TheftEvidence.MIDPOINT).isEqualTo(3.0);
        assertThat(TheftEvidence.MIN_Z).isEqualTo(-2.0);
        assertThat(TheftEvidence.STEEPNESS).isEqualTo(1.5);
    }

    @Test
    void deviationsAreSmoothedExponentially() {
        TheftEvidence e = new TheftEvidence();
        e.addDay(D, z(Feature.LEVEL, 2), 10, 20);
        double first = TheftEvidence.SMOOTHING * 2; // 0 + w · (2 − 0)
        assertThat(e.smoothed[Feature.LEVEL.ordinal()]).isCloseTo((float) first, within(1e-6f));
        e.addDay(D + 1, z(Feature.LEVEL, 2), 10, 20);
        double second = first + TheftEvidence.SMOOTHING * (2 - first);
        assertThat(e.smoothed[Feature.LEVEL.ordinal()]).isCloseTo((float) second, within(1e-6f));
        assertThat(e.scoredDays).isEqualTo(2);
        assertThat(e.lastDay).isEqualTo(D + 1);
    }

    /**
     * A flat top counts up to 6 spreads a day, the rest up to 4: a day with both at 20 moves the
     * flat top's smoothed deviation 0.1 × 6 = 0.6 and the level's 0.1 × 4 = 0.4; three such days 6
     * × (1 − 0.9³) = 1.626 and 4 × (1 − 0.9³) = 1.084.
     */
    @Test
    void aFlatTopCountsUpToSixSpreadsADay() {
        assertThat(TheftEvidence.MAX_FLAT_TOP_Z).isEqualTo(6.0);
        TheftEvidence e = new TheftEvidence();
        double[] z = new double[Feature.COUNT];
        z[Feature.FLAT_TOP.ordinal()] = 20;
        z[Feature.LEVEL.ordinal()] = 20;
        e.addDay(D, z, 8, 10);
        assertThat(e.smoothed[Feature.FLAT_TOP.ordinal()]).isCloseTo(0.6f, within(1e-6f));
        assertThat(e.smoothed[Feature.LEVEL.ordinal()]).isCloseTo(0.4f, within(1e-6f));
        e.addDay(D + 1, z, 8, 10);
        e.addDay(D + 2, z, 8, 10);
        assertThat(e.smoothed[Feature.FLAT_TOP.ordinal()]).isCloseTo(1.626f, within(1e-5f));
        assertThat(e.smoothed[Feature.LEVEL.ordinal()]).isCloseTo(1.084f, within(1e-5f));
    }

    @Test
    void deviationsAreClippedToMinZAndMaxZ() {
        TheftEvidence e = new TheftEvidence();
        double[] z = new double[Feature.COUNT];
        z[Feature.LEVEL.ordinal()] = 100;
        z[Feature.BASE.ordinal()] = -3;
        e.addDay(D, z, 1, 1);
        assertThat(e.smoothed[Feature.LEVEL.ordinal()])
                .isCloseTo((float) (TheftEvidence.SMOOTHING * TheftEvidence.MAX_Z), within(1e-6f));
        // −3 counts as MIN_Z = −2: 0 + 0.1 · (−2 − 0) = −0.2
        assertThat(e.smoothed[Feature.BASE.ordinal()])
                .isCloseTo((float) (TheftEvidence.SMOOTHING * TheftEvidence.MIN_Z), within(1e-6f));
    }

    @Test
    void aNetDeviationCountsInTheCustomersOwnNetSpreadWhereNarrower() {
        TheftEvidence e = new TheftEvidence();
        double[] z = new double[Feature.COUNT];
        z[Feature.LEVEL.ordinal()] = 2;
        z[Feature.FLAT_TOP.ordinal()] = 0.2;
        e.addDay(D, z, 1, 1);
        // first day: no net spread yet, counted as is; LEVEL 0.1 · 2 = 0.2, FLAT_TOP 0.1 · 0.2
        assertThat(e.smoothed[Feature.LEVEL.ordinal()]).isCloseTo(0.2f, within(1e-6f));
        assertThat(e.smoothed[Feature.FLAT_TOP.ordinal()]).isCloseTo(0.02f, within(1e-6f));
        // net spreads, weight 1: 1.2533 · 2 = 2.5066 and 1.2533 · 0.2 = 0.25066
        assertThat(e.netSpread[Feature.LEVEL.ordinal()]).isCloseTo(2.5066f, within(1e-5f));
        assertThat(e.netSpread[Feature.FLAT_TOP.ordinal()]).isCloseTo(0.25066f, within(1e-5f));
        assertThat(e.netSpread[Feature.ZEROS.ordinal()]).as("never deviated").isZero();

        z[Feature.LEVEL.ordinal()] = 0.4;
        z[Feature.FLAT_TOP.ordinal()] = 1;
        z[Feature.ZEROS.ordinal()] = 1;
        e.addDay(D + 1, z, 1, 1);
        // LEVEL: own spread 2.5066 is wider than the baseline's, so 1: 0.2 + 0.1 · (0.4 − 0.2)
        assertThat(e.smoothed[Feature.LEVEL.ordinal()]).isCloseTo(0.22f, within(1e-6f));
        // FLAT_TOP: own spread 0.25066, floored at 0.5: 1 / 0.5 = 2; 0.02 + 0.1 · (2 − 0.02)
        assertThat(e.smoothed[Feature.FLAT_TOP.ordinal()]).isCloseTo(0.218f, within(1e-6f));
        // ZEROS: no spread of its own yet, counted as is: 0 + 0.1 · 1
        assertThat(e.smoothed[Feature.ZEROS.ordinal()]).isCloseTo(0.1f, within(1e-6f));
        // second day, weight max(1/2, 1/60) = 1/2: 2.5066 + ½ (1.2533 · 0.4 − 2.5066) = 1.50396;
        // ZEROS's first deviation sets its spread: 1.2533 · 1
        assertThat(e.netSpread[Feature.LEVEL.ordinal()]).isCloseTo(1.50396f, within(1e-5f));
        assertThat(e.netSpread[Feature.ZEROS.ordinal()]).isCloseTo(1.2533f, within(1e-5f));
    }

    @Test
    void theNetSpreadLearnsATwentiethWhileTheCaseIsStrong() {
        TheftEvidence e = with(3, 3, 0, 0, 0, 0, 0); // S = 3 + ½ · 3 = 4.5 > 2
        e.scoredDays = UsageBaseline.HORIZON_DAYS;
        e.netSpread[Feature.LEVEL.ordinal()] = 1;
        e.addDay(D, z(Feature.LEVEL, 2), 1, 1);
        // weight 1/60 / 20 = 1/1200: 1 + (1.2533 · 2 − 1) / 1200
        assertThat(e.netSpread[Feature.LEVEL.ordinal()])
                .isCloseTo((float) (1 + (2.5066 - 1) / 1200), within(1e-6f));
    }

    @Test
    void energyIsSmoothedFromTheFirstDay() {
        TheftEvidence e = new TheftEvidence();
        assertThat(e.recentKwh).isNaN();
        e.addDay(D, new double[Feature.COUNT], 10, 20);
        assertThat(e.recentKwh).isEqualTo(10f);
        assertThat(e.usualKwh).isEqualTo(20f);
        e.addDay(D + 1, new double[Feature.COUNT], 20, 22);
        assertThat(e.recentKwh)
                .isCloseTo((float) (10 + TheftEvidence.SMOOTHING * (20 - 10)), within(1e-5f));
        assertThat(e.usualKwh).as("the latest usual day").isEqualTo(22f);
    }

    @Test
    void aLeadIsBackedByAtMostTwoSpreadsMoreThanItself() {
        // LEVEL 1, BASE 5: level lead = 1 + 0.5 · min(5, 1 + 2) = 2.5
        // zeros lead = 0 + 0.5 · min(max(LEVEL, BASE) = 5, 0 + 2) = 1; the others ≤ 0.5
        TheftEvidence e = with(1, 5, 0, 0, 0, 0, 0);
        assertThat(e.strength(D)).isCloseTo(2.5, within(1e-6));
        // BASE 2 backs fully: 1 + 0.5 · min(2, 3) = 2
        assertThat(with(1, 2, 0, 0, 0, 0, 0).strength(D)).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void aStandbyThatFellAloneIsNoCase() {
        // BASE 4 alone leads nothing: level lead 0 + 0.5 · min(4, 2) = 1, zeros lead likewise 1
        assertThat(with(0, 4, 0, 0, 0, 0, 0).strength(D)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void thePeakShareLeadsAShapeCase() {
        // PEAK_SHARE 2, SHAPE 1: shape lead 2 + 0.5 · min(1, 4) = 2.5
        // level lead 0 + 0.5 · min(1, 2) = 0.5; flat-top lead 0 + 0.5 · min(PEAK_SHARE 2, 2) = 1
        assertThat(with(0, 0, 0, 1, 2, 0, 0).strength(D)).isCloseTo(2.5, within(1e-6));
    }

    @Test
    void zerosAndAFlatTopLeadCasesOfTheirOwn() {
        // ZEROS 3, LEVEL 1: zeros lead 3 + 0.5 · min(1, 5) = 3.5; level lead 1 + 0.5 · min(3, 3) =
        // 2.5
        assertThat(with(1, 0, 3, 0, 0, 0, 0).strength(D)).isCloseTo(3.5, within(1e-6));
        // FLAT_TOP 3, FLATNESS 4: 3 + 0.5 · min(4, 5) = 5; level lead 0 + 0.5 · min(4, 2) = 1
        assertThat(with(0, 0, 0, 0, 0, 4, 3).strength(D)).isCloseTo(5.0, within(1e-6));
    }

    @Test
    void theMeterSpeaksForThirtyDays() {
        TheftEvidence e = new TheftEvidence();
        e.addMeterEvidence(new MeterEvidence(true, false, false, false), D);
        assertThat(e.meterPart(D)).isEqualTo(1.0);
        assertThat(e.meterPart(D + TheftEvidence.METER_MEMORY_DAYS - 1)).isEqualTo(1.0);
        assertThat(e.meterPart(D + TheftEvidence.METER_MEMORY_DAYS)).isZero();
        e.addMeterEvidence(new MeterEvidence(false, true, true, true), D + 10);
        // tamper 1.0 + rollback 1.5 + reverse 0.5 + phase 0.3
        assertThat(e.meterPart(D + 10)).isCloseTo(3.3, within(1e-9));
        // day D + 30: the tamper has gone, the rest of D + 10 stays: 1.5 + 0.5 + 0.3
        assertThat(e.meterPart(D + 30)).isCloseTo(2.3, within(1e-9));
        assertThat(e.tamperDay).isEqualTo(D);
        assertThat(e.rollbackDay).isEqualTo(D + 10);
    }

    /**
     * A tamper event from 14 days before the day a drop began (a ramp takes days to show) to 3 days
     * after it is held while the drop lasts: the drop's Page statistic (net level z 0.6 a day,
     * allowance 0.5: 0.1 a day more) leaves zero on day D + 2 and stays above it, at 5.8 on D + 59.
     * Events 15 days before it (D − 13) and 4 days after it (D + 6) are forgotten on their 30th
     * day, as every sign was. Three days at z −2 (−2.5 each) bring the statistic back to zero on D
     * + 62: the drop is over, and its tamper events are forgotten too.
     */
    @Test
    void aSignNearTheDayADropBeganIsHeldWhileTheDropLasts() {
        assertThat(TheftEvidence.SIGN_BEGAN_DROP_DAYS).isEqualTo(3);
        assertThat(TheftEvidence.SIGN_BEFORE_DROP_DAYS).isEqualTo(14);
        long[] heldDays = {D - 12, D + 2, D + 5};
        long[] forgottenDays = {D - 13, D + 6};
        TheftEvidence[] held = new TheftEvidence[heldDays.length];
        TheftEvidence[] forgotten = new TheftEvidence[forgottenDays.length];
        for (int i = 0; i < held.length; i++) {
            held[i] = new TheftEvidence();
            held[i].addMeterEvidence(new MeterEvidence(true, false, false, false), heldDays[i]);
        }
        for (int i = 0; i < forgotten.length; i++) {
            forgotten[i] = new TheftEvidence();
            forgotten[i].addMeterEvidence(
                    new MeterEvidence(true, false, false, false), forgottenDays[i]);
        }
        for (long d = D; d < D + 60; d++) {
            double z = d < D + 2 ? 0 : 0.6; // the drop from D + 2
            for (TheftEvidence e : held) {
                e.areaLoss.onDay(d, z, 10, 10, null);
            }
            for (TheftEvidence e : forgotten) {
                e.areaLoss.onDay(d, z, 10, 10, null);
            }
        }
        assertThat(held[0].areaLoss.from).isEqualTo((int) (D + 2));
        assertThat(held[0].areaLoss.drive).isCloseTo(5.8f, within(1e-4f));
        for (int i = 0; i < held.length; i++) {
            assertThat(held[i].meterPart(D + 59))
                    .as("tamper on D%+d", heldDays[i] - D)
                    .isEqualTo(1.0);
        }
        for (int i = 0; i < forgotten.length; i++) {
            long day = forgottenDays[i];
            assertThat(forgotten[i].meterPart(day + TheftEvidence.METER_MEMORY_DAYS - 1))
                    .as("tamper on D%+d", day - D)
                    .isEqualTo(1.0);
            assertThat(forgotten[i].meterPart(day + TheftEvidence.METER_MEMORY_DAYS))
                    .as("tamper on D%+d", day - D)
                    .isZero();
        }
        TheftEvidence began = held[1];
        for (long d = D + 60; d <= D + 62; d++) {
            assertThat(began.meterPart(d - 1)).as("day %d", d - D - 1).isEqualTo(1.0);
            began.areaLoss.onDay(d, -2, 14, 10, null);
        }
        assertThat(began.areaLoss.from).isEqualTo(LossMatch.NONE);
        assertThat(began.meterPart(D + 62)).isZero();
    }

    @Test
    void aRegisterMismatchWeighsAsATamperEvent() {
        TheftEvidence e = new TheftEvidence();
        e.addMeterEvidence(new MeterEvidence(false, false, false, false, true), D);
        assertThat(e.meterPart(D)).isEqualTo(1.0);
        assertThat(e.mismatchDay).isEqualTo(D);
    }

    @Test
    void theMeterPartAddsToTheStrength() {
        TheftEvidence e = with(1, 5, 0, 0, 0, 0, 0); // 2.5, above
        e.addMeterEvidence(new MeterEvidence(false, true, false, false), D);
        assertThat(e.strength(D)).isCloseTo(2.5 + 1.5, within(1e-6));
    }

    @Test
    void noScoreBeforeAnyEvidence() {
        assertThat(new TheftEvidence().score(D)).isZero();
        TheftEvidence meterOnly = new TheftEvidence();
        meterOnly.addMeterEvidence(new MeterEvidence(true, true, true, true), D);
        // S = 3.3: 1 / (1 + e^(−1.5 · (3.3 − 3))) = 1 / (1 + e^−0.45) = 0.6106
        assertThat(meterOnly.score(D)).isCloseTo(1 / (1 + Math.exp(-0.45)), within(1e-9));
    }

    @Test
    void theScoreIsLogisticInTheStrength() {
        // S = 2.5: 1 / (1 + e^(−1.5 · (2.5 − 3))) = 1 / (1 + e^0.75) = 0.3208
        assertThat(with(1, 5, 0, 0, 0, 0, 0).score(D))
                .isCloseTo(1 / (1 + Math.exp(0.75)), within(1e-6));
        // S = 5: 1 / (1 + e^(−1.5 · 2)) = 1 / (1 + e^−3) = 0.9526
        assertThat(with(0, 0, 0, 0, 0, 4, 3).score(D))
                .isCloseTo(1 / (1 + Math.exp(-3)), within(1e-6));
        // S = MIDPOINT: one half. LEVEL s, BASE s: s + 0.5 s = 1.5 s = 3 → s = 2
        double s = TheftEvidence.MIDPOINT / 1.5;
        assertThat(with(s, s, 0, 0, 0, 0, 0).score(D)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void theLeadingFeatureIsTheLargestSmoothedOne() {
        assertThat(new TheftEvidence().leading()).isEqualTo(Feature.LEVEL);
        assertThat(with(1, 0, 0, 0, 0, 0, 2).leading()).isEqualTo(Feature.FLAT_TOP);
        assertThat(with(1, 1, 0, 0, 0, 0, 0).leading())
                .as("ties go to the first")
                .isEqualTo(Feature.LEVEL);
    }

    private static TheftEvidence hourly(double beta, double se) {
        TheftEvidence e = with(0, 0, 0, 0, 0, 0, 0);
        e.hourlyBeta = (float) beta;
        e.hourlyBetaSe = (float) se;
        return e;
    }

    /**
     * By hand, from the normal table: β̂ = 0.4 ± 0.2. A load around the meter of up to the metered
     * (β uniform in [0, 1]) gives β̂ the density Φ(3) − Φ(−2) = 0.9986501 − 0.0227501 = 0.9759; an
     * honest meter φ(2) / 0.2 = 0.0539910 / 0.2 = 0.269955. Λ = ln(0.9759 / 0.269955) = 1.28511
     * nats, 0.85674 spreads. β̂ = 0.2 ± 0.2: (Φ(4) − Φ(−1)) / (φ(1) / 0.2) = (0.9999683 −
     * 0.1586553) / 1.2098536 = 0.69538 &lt; 1, no evidence for it (and none against: never below
     * 0).
     */
    @Test
    void aLoadAroundTheMeterIsWeighedByItsBayesFactor() {
        assertThat(hourly(0.4, 0.2).bypassSpreads()).isCloseTo(0.85674, within(1e-4));
        assertThat(hourly(0.2, 0.2).bypassSpreads()).isZero();
        assertThat(hourly(-0.5, 0.1).bypassSpreads()).isZero();
        assertThat(hourly(0.6, 0.05).bypassSpreads())
                .as("at most a third of the alert's midpoint")
                .isEqualTo(TheftEvidence.BYPASS_MAX_SPREADS)
                .isEqualTo(1.0);
        assertThat(hourly(40, 0.01).bypassSpreads())
                .as("both tails underflow far above [0, 1]")
                .isEqualTo(1.0);
        assertThat(hourly(-40, 0.01).bypassSpreads()).isZero();
        assertThat(new TheftEvidence().bypassSpreads()).as("no fit").isZero();
    }

    /**
     * The bypass counts where the customer has no case of its own (below the area gate, 1.5), and
     * is never enough alone for an alert: S = 1 + 1 = 2 &lt; 3. Above the gate the drop's match
     * decides, as before (here no drop: 0).
     */
    @Test
    void aBypassRanksACustomerWithoutACaseButNeverAlertsAlone() {
        TheftEvidence e = hourly(0.6, 0.05);
        e.smoothed[Feature.LEVEL.ordinal()] = 1; // own: 1 + 0.5 × 0 = 1
        assertThat(e.strength(D)).isCloseTo(2.0, within(1e-6));
        assertThat(e.score(D)).isLessThan(0.5);
        e.smoothed[Feature.LEVEL.ordinal()] = 2; // own 2 ≥ 1.5: the drop's match, none here
        assertThat(e.strength(D)).isCloseTo(2.0, within(1e-6));
    }
}
