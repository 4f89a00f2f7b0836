package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FeaturesTest {

    private static float[] ref(double night, double day) {
        // hours 0-3 at `night`, hours 4-23 at `day`
        float[] r = new float[24];
        for (int h = 0; h < 24; h++) {
            r[h] = (float) (h < 4 ? night : day);
        }
        return r;
    }

    @Test
    void lowestIsTheMeanOfTheNLowestValues() {
        assertThat(Features.lowest(new double[] {5, 1, 4, 2, 3}, 2)).isEqualTo(1.5); // (1 + 2) / 2
        assertThat(Features.lowest(new double[] {5, 1, 4, 2, 3}, 5)).isEqualTo(3.0);
    }

    @Test
    void correlationIsPearsonAndZeroForAConstantSeries() {
        double[] x = new double[24];
        double[] up = new double[24];
        double[] down = new double[24];
        for (int h = 0; h < 24; h++) {
            x[h] = h;
            up[h] = 2 * h + 1;
            down[h] = -h;
        }
        assertThat(Features.correlation(x, up)).isCloseTo(1.0, within(1e-12));
        assertThat(Features.correlation(x, down)).isCloseTo(-1.0, within(1e-12));
        assertThat(Features.correlation(x, Days.flat(3))).isZero();
        // x = {0, 0, 1, 1}, y = {0, 1, 0, 1}: sxy = 0 → 0
        assertThat(Features.correlation(new double[] {0, 0, 1, 1}, new double[] {0, 1, 0, 1}))
                .isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shareIsTheEnergyOfTheMarkedHours() {
        boolean[] peak = new boolean[24];
        peak[8] = peak[9] = peak[10] = true;
        double[] x = Days.flat(1);
        x[8] = 5; // marked 5 + 1 + 1 = 7 of 23 + 5 = 28
        assertThat(Features.share(x, peak)).isCloseTo(7.0 / 28, within(1e-12));
        assertThat(Features.share(x, null)).isZero();
        assertThat(Features.share(Days.flat(0), peak)).isZero();
    }

    @Test
    void variationIsStandardDeviationOverMean() {
        // {1, 3}: mean 2, population sd √((1 + 1) / 2) = 1 → 0.5
        assertThat(Features.variation(new double[] {1, 3})).isCloseTo(0.5, within(1e-12));
        assertThat(Features.variation(Days.flat(2))).isZero();
        assertThat(Features.variation(Days.flat(0))).isZero();
    }

    @Test
    void ofComputesEveryFeatureOfAHandWorkedDay() {
        // usual day: hours 0-19 at 1, 20-23 at 3 → 32 kWh; its 4 lowest hours 1
        float[] ref = new float[24];
        double[] x = new double[24];
        for (int h = 0; h < 24; h++) {
            ref[h] = h < 20 ? 1 : 3;
            // the day: hours 0-3 zero, 4-19 at 1, 20-23 at 2 → 24 kWh
            x[h] = h < 4 ? 0 : h < 20 ? 1 : 2;
        }
        boolean[] peak = new boolean[24];
        for (int h = 20; h < 24; h++) {
            peak[h] = true;
        }
        DayLoad day = Days.hourly(1, x);
        // readings: 4 zeros; 16 at 1 kW (tied), then 2 kW is a new maximum and 4 readings tie at it
        assertThat(day.tiedAtMax()).isEqualTo(4);
        double[] v = Features.of(day, ref, peak);

        // LEVEL = ln((24 + 0.05·32 + 0.01) / (32 + 0.05·32 + 0.01)) = ln(25.61 / 33.61)
        assertThat(v[Feature.LEVEL.ordinal()]).isCloseTo(Math.log(25.61 / 33.61), within(1e-6));
        // BASE = ln((0 + 0.1·1 + 0.002) / (1 + 0.102)) = ln(0.102 / 1.102)
        assertThat(v[Feature.BASE.ordinal()]).isCloseTo(Math.log(0.102 / 1.102), within(1e-6));
        // ZEROS = 4 / 24
        assertThat(v[Feature.ZEROS.ordinal()]).isCloseTo(4.0 / 24, within(1e-12));
        // SHAPE: x − 1 = −1 (4), 0 (16), +1 (4); r − 4/3 = −1/3 (20), 5/3 (4)
        // sxy = 4/3 + 20/3 = 8, sxx = 8, syy = 20/9 + 100/9 = 120/9 → 8 / √(8 · 120/9) = √0.6
        assertThat(v[Feature.SHAPE.ordinal()]).isCloseTo(Math.sqrt(0.6), within(1e-6));
        // PEAK_SHARE = 8/24 − 12/32
        assertThat(v[Feature.PEAK_SHARE.ordinal()]).isCloseTo(8.0 / 24 - 12.0 / 32, within(1e-6));
        // FLATNESS: cv(x) = √(8/24) / 1; cv(r) = √((120/9)/24) / (4/3)
        double cvx = Math.sqrt(8.0 / 24);
        double cvr = Math.sqrt(120.0 / 9 / 24) / (4.0 / 3);
        assertThat(v[Feature.FLATNESS.ordinal()])
                .isCloseTo(Math.log((cvx + 0.02) / (cvr + 0.02)), within(1e-6));
        // FLAT_TOP = 4 / 24
        assertThat(v[Feature.FLAT_TOP.ordinal()]).isCloseTo(4.0 / 24, within(1e-12));
    }

    @Test
    void aSunnyDayOfARooftopArrayIsJudgedOnTheHoursItDidNotExport() {
        // usual day: 0.3 kWh every hour but 18-21 at 1.2 (10.8 kWh); a sunny day of a rooftop
        // array: 0 in 09:00-16:00 (exported), the usual elsewhere (8.7 kWh)
        float[] ref = new float[24];
        double[] x = new double[24];
        boolean[] peak = new boolean[24];
        for (int h = 0; h < 24; h++) {
            ref[h] = h >= 18 && h < 22 ? 1.2f : 0.3f;
            x[h] = h >= 9 && h < 16 ? 0 : ref[h];
            peak[h] = h >= 8 && h < 12 || h >= 18 && h < 23;
        }
        double[] sent = new double[24];
        for (int h = 9; h < 16; h++) {
            sent[h] = 1.0;
        }
        DayLoad day = Days.hourlyWithExport(1, x, sent);
        double[] v = Features.of(day, ref, peak);
        // over the 17 hours that did not export the day is its usual one
        assertThat(v[Feature.LEVEL.ordinal()]).isCloseTo(0, within(1e-6));
        assertThat(v[Feature.BASE.ordinal()]).isCloseTo(0, within(1e-6));
        assertThat(v[Feature.SHAPE.ordinal()]).isCloseTo(1, within(1e-6));
        assertThat(v[Feature.PEAK_SHARE.ordinal()]).isCloseTo(0, within(1e-6));
        assertThat(v[Feature.FLATNESS.ordinal()]).isCloseTo(0, within(1e-6));
        assertThat(v[Feature.ZEROS.ordinal()]).isZero(); // the 7 zero hours exported

        // read without its export, the same day is a drop and a vanished standby:
        // LEVEL = ln((8.7 + 0.05·10.8 + 0.01) / (10.8 + 0.55)) = ln(9.25 / 11.35);
        // BASE = ln((0 + 0.1·0.3 + 0.002) / (0.3 + 0.032)) = ln(0.032 / 0.332)
        double[] unknown = Features.of(Days.hourly(1, x), ref, peak);
        assertThat(unknown[Feature.LEVEL.ordinal()])
                .isCloseTo(Math.log(9.25 / 11.35), within(1e-6));
        assertThat(unknown[Feature.BASE.ordinal()])
                .isCloseTo(Math.log(0.032 / 0.332), within(1e-6));
        assertThat(unknown[Feature.ZEROS.ordinal()]).isCloseTo(7.0 / 24, within(1e-12));
    }

    @Test
    void aDayJudgedOnFewerThanEightHoursIsJudgedWhole() {
        assertThat(Features.judgedHours(0)).hasSize(24);
        assertThat(Features.judgedHours(0b1111_1110_0000_0000)).hasSize(17); // 09-15 exported
        // 17 hours exported leave 7: a meter that runs backwards all day is judged on every hour
        assertThat(Features.judgedHours((1 << 17) - 1)).hasSize(24);
        assertThat(Features.judgedHours((1 << 16) - 1))
                .containsExactly(16, 17, 18, 19, 20, 21, 22, 23);
    }

    @Test
    void aDayLikeTheUsualOneHasNoDeviation() {
        float[] ref = ref(0.2, 1.0);
        double[] x = new double[24];
        for (int h = 0; h < 24; h++) {
            x[h] = ref[h];
        }
        double[] v = Features.of(Days.hourly(1, x), ref, new boolean[24]);
        assertThat(v[Feature.LEVEL.ordinal()]).isCloseTo(0, within(1e-6));
        assertThat(v[Feature.BASE.ordinal()]).isCloseTo(0, within(1e-6));
        assertThat(v[Feature.SHAPE.ordinal()]).isCloseTo(1, within(1e-6));
        assertThat(v[Feature.PEAK_SHARE.ordinal()]).isZero();
        assertThat(v[Feature.FLATNESS.ordinal()]).isCloseTo(0, within(1e-6));
        // 20 readings at the 1 kW maximum of 24
        assertThat(v[Feature.FLAT_TOP.ordinal()]).isCloseTo(20.0 / 24, within(1e-12));
    }

    @Test
    void anEmptyDayHasNoZeroShareOrFlatTop() {
        double[] v = Features.of(new DayLoad(1, Days.DAY), ref(0.2, 1.0), null);
        assertThat(v[Feature.ZEROS.ordinal()]).isZero();
        assertThat(v[Feature.FLAT_TOP.ordinal()]).isZero();
    }

    @Test
    void anEmptyHouseKeepsItsStandbyAndUsesLittleMore() {
        float[] usual = ref(0.2, 1.0); // standby: mean of the 4 lowest hours = 0.2
        // all hours 0.25: mean 0.25 ≤ 1.5 × 0.2 = 0.3, lowest 0.25 ≥ 0.8 × 0.2 = 0.16
        assertThat(Features.looksAbsent(Days.hourly(1, Days.flat(0.25)), usual)).isTrue();
        // all hours 0.35: mean 0.35 > 0.3 (+ the floor, 5% of the usual mean hour 0.867 + 10 Wh)
        assertThat(Features.looksAbsent(Days.hourly(1, Days.flat(0.35)), usual)).isFalse();
    }

    @Test
    void anEmptyHouseWithARooftopArrayIsEmptyInTheHoursTheArrayDidNotCover() {
        float[] usual = ref(0.2, 1.0); // hours 0-3 at 0.2, 4-23 at 1.0: the usual standby 0.2
        // away on a sunny day: 0.25 an hour, but 09:00-16:00 the array covered it and exported
        double[] x = new double[24];
        double[] sent = new double[24];
        for (int h = 0; h < 24; h++) {
            boolean sun = h >= 9 && h < 16;
            x[h] = sun ? 0 : 0.25;
            sent[h] = sun ? 0.8 : 0;
        }
        DayLoad away = Days.hourlyWithExport(1, x, sent);
        // the 17 hours judged: mean 0.25 ≤ 1.5 × 0.2, lowest 0.25 ≥ 0.8 × 0.2 (usual hours 0-3
        // are among them)
        assertThat(Features.looksAbsent(away, usual)).isTrue();
        // every hour read as import (no export known): the standby is the array's 0, mean 0.177
        assertThat(Features.looksAbsent(Days.hourly(1, x), usual)).isFalse();
    }

    @Test
    void aMeterThatSendsEnergyBackInTheDarkIsNoEmptyHouse() {
        float[] usual = ref(0.2, 1.0);
        // no import all day, the house's use counted as export: switched off by the import alone
        DayLoad reversed = Days.hourlyWithExport(1, new double[24], scaled(usual, 1));
        DayLoad off = Days.hourlyWithExport(1, new double[24], new double[24]);
        assertThat(Features.looksAbsent(off, usual)).isTrue();
        assertThat(Features.looksAbsent(reversed, usual)).isFalse();
    }

    @Test
    void anEmptyHouseSwitchedOffIsFlatAtItsOwnFloor() {
        float[] usual = ref(0.2, 1.0); // usual activity: 0.867 / 0.2 − 1 = 3.3 standbys
        // all hours 0.12: the standby fell (0.12 < 0.16), but the day is flat at its own floor
        assertThat(Features.looksAbsent(Days.hourly(1, Days.flat(0.12)), usual)).isTrue();
        // a fridge cycling: hours alternate 0.10 and 0.13, mean 0.115 ≤ 1.2 × 0.10 + 0.0004
        double[] fridge = new double[24];
        for (int h = 0; h < 24; h++) {
            fridge[h] = h % 2 == 0 ? 0.10 : 0.13;
        }
        assertThat(Features.looksAbsent(Days.hourly(1, fridge), usual)).isTrue();
        // nothing at all: mains off (its zeros are still counted, see UsageBaselineTest)
        assertThat(Features.looksAbsent(Days.hourly(1, Days.flat(0)), usual)).isTrue();
        // 4 hours at 0.05, 20 at 0.2: mean 0.175 > 1.2 × 0.05, someone is at home
        double[] home = new double[24];
        for (int h = 0; h < 24; h++) {
            home[h] = h < 4 ? 0.05 : 0.2;
        }
        assertThat(Features.looksAbsent(Days.hourly(1, home), usual)).isFalse();
    }

    @Test
    void aMeterMadeToReadLessIsNotAnEmptyHouse() {
        float[] usual = ref(0.2, 1.0);
        // the usual day × 0.2: mean (4·0.04 + 20·0.2)/24 = 0.173 ≤ 0.3, but standby 0.04 < 0.16,
        // and the activity above it is the usual proportion (0.173 / 0.04 > 1.2): not flat
        assertThat(Features.looksAbsent(Days.hourly(1, scaled(usual, 0.2)), usual)).isFalse();
        // a flat household scaled to 0.3: hours 0.24 and 0.3, mean 0.29 > 1.2 × 0.24, and its
        // activity above the standby (0.29 / 0.24 − 1 = 0.21 standbys) is the usual's, not half
        float[] flatHouse = ref(0.8, 1.0); // mean hour (4·0.8 + 20)/24 = 0.967, activity 0.21
        assertThat(Features.looksAbsent(Days.hourly(1, scaled(flatHouse, 0.3)), flatHouse))
                .isFalse();
        assertThat(Features.looksAbsent(Days.hourly(1, Days.flat(0)), ref(0, 1)))
                .as("no usual standby: nothing at all is a meter stopped or mains off")
                .isTrue();
    }

    /** The usual day's hours × {@code factor}, kWh. */
    private static double[] scaled(float[] usual, double factor) {
        double[] hours = new double[usual.length];
        for (int h = 0; h < usual.length; h++) {
            hours[h] = factor * usual[h];
        }
        return hours;
    }
}
