package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UsageBaselineTest {
    private static final boolean WORKDAY = false;
    private static final boolean REST = true;

    /**
     * Compares, then learns, as {@link DayJudge} does, for a business (a flat day at half the usual
     * would look like an empty house); returns the comparison.
     */
    private static DayComparison live(UsageBaseline b, DayLoad day, boolean rest) {
        DayComparison c = b.compare(day, rest, false, null, null);
        b.learn(day, rest, c);
        return c;
    }

    /** Hours 0-3 at 0.2 kWh, 4-23 at 1 kWh: 20.8 kWh, standby 0.2. */
    private static double[] shaped() {
        double[] x = new double[24];
        for (int h = 0; h < 24; h++) {
            x[h] = h < 4 ? 0.2 : 1.0;
        }
        return x;
    }

    /** A day of 1 kWh an hour with its first {@code zeros} hours at zero. */
    private static DayLoad withZeros(long d, int zeros) {
        double[] x = Days.flat(1);
        for (int h = 0; h < zeros; h++) {
            x[h] = 0;
        }
        return Days.hourly(d, x);
    }

    @Test
    void nothingToCompareBeforeAProfile() {
        UsageBaseline b = new UsageBaseline();
        assertThat(b.compare(Days.hourly(1, Days.flat(1)), WORKDAY, true, null, null)).isNull();
        assertThat(b.compare(Days.hourly(1, Days.flat(1)), REST, true, null, null)).isNull();
    }

    @Test
    void aRestDayBorrowsTheWorkdayProfileAfterThreeWorkdays() {
        UsageBaseline b = new UsageBaseline();
        live(b, Days.hourly(1, Days.flat(1)), WORKDAY);
        live(b, Days.hourly(2, Days.flat(1)), WORKDAY);
        assertThat(b.compare(Days.hourly(3, Days.flat(1)), REST, true, null, null)).isNull();
        live(b, Days.hourly(3, Days.flat(1)), WORKDAY);
        DayComparison c = b.compare(Days.hourly(4, Days.flat(1)), REST, true, null, null);
        assertThat(c).isNotNull();
        assertThat(c.usualKwh()).isCloseTo(24.0, within(1e-5)); // the workday's 24 × 1
    }

    @Test
    void theProfileIsAPlainAverageWhileFewDaysAreKnown() {
        UsageBaseline b = new UsageBaseline();
        live(b, Days.hourly(1, Days.flat(1)), WORKDAY);
        live(b, Days.hourly(2, Days.flat(3)), WORKDAY);
        // (1 + 3) / 2 = 2
        for (int h = 0; h < 24; h++) {
            assertThat(b.profile[h]).isCloseTo(2f, within(1e-6f));
        }
        live(b, Days.hourly(3, Days.flat(5)), WORKDAY);
        // (1 + 3 + 5) / 3 = 3
        assertThat(b.profile[7]).isCloseTo(3f, within(1e-5f));
        assertThat(b.profile[24 + 7]).as("the rest-day profile is apart").isZero();
        assertThat(b.typeDays).containsExactly(3, 0);
        assertThat(b.days()).isEqualTo(3);
    }

    @Test
    void pastTheHorizonANewDayWeighsOneSixtieth() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < UsageBaseline.HORIZON_DAYS; d++) {
            live(b, Days.hourly(d, Days.flat(1)), WORKDAY);
        }
        // a day of more use (not in the theft direction): 1 + (61 − 1) / 60 = 2
        live(b, Days.hourly(60, Days.flat(61)), WORKDAY);
        assertThat(b.profile[0]).isCloseTo(2f, within(1e-4f));
    }

    @Test
    void deviationsAreCountedInSpreadsOfMeanAbsoluteDeviation() {
        UsageBaseline b = new UsageBaseline();
        live(b, Days.hourly(1, Days.flat(1)), WORKDAY); // profile only: no features yet
        DayComparison first = live(b, withZeros(2, 0), WORKDAY);
        assertThat(first.z()).as("nothing known to deviate from").containsOnly(0.0);
        // features learned: usual ZEROS = 0, spread 0
        DayComparison second = b.compare(withZeros(3, 6), WORKDAY, true, null, null);
        // ZEROS 6/24 = 0.25: (0.25 − 0) / max(0, minSpread 0.02) = 12.5
        assertThat(second.z()[Feature.ZEROS.ordinal()]).isCloseTo(12.5, within(1e-6));
        // LEVEL, theft direction −1: −(ln((18 + 1.21) / (24 + 1.21)) − 0) / max(0, 0.05) = 5.44
        assertThat(second.z()[Feature.LEVEL.ordinal()])
                .isCloseTo(-Math.log(19.21 / 25.21) / 0.05, within(1e-4));
        b.learn(withZeros(3, 6), WORKDAY, second);
        // second feature day, weight 1/2: spread = ½ · 1.2533 · |0.25 − 0| = 0.15666,
        // usual = 0 + ½ · 0.25 = 0.125
        assertThat(b.spread[Feature.ZEROS.ordinal()])
                .isCloseTo((float) (0.5 * 1.2533 * 0.25), within(1e-6f));
        assertThat(b.usual[Feature.ZEROS.ordinal()]).isCloseTo(0.125f, within(1e-6f));
        DayComparison third = b.compare(withZeros(4, 12), WORKDAY, true, null, null);
        // ZEROS 0.5: (0.5 − 0.125) / 0.15666 = 2.394
        assertThat(third.z()[Feature.ZEROS.ordinal()])
                .isCloseTo((0.5 - 0.125) / (0.5 * 1.2533 * 0.25), within(1e-4));
        assertThat(third.usual()[Feature.ZEROS.ordinal()]).isCloseTo(0.125f, within(1e-6f));
    }

    @Test
    void aFlatTopsFloorIsOneReadingsShareAtMostTwoPercent() {
        DayLoad quarterHours = new DayLoad(1, Days.DAY);
        quarterHours.readings = 96;
        DayLoad halfHours = new DayLoad(1, Days.DAY);
        halfHours.readings = 48;
        // 1/96 = 0.0104 < 0.02: one quarter hour's share
        assertThat(UsageBaseline.minSpread(Feature.FLAT_TOP, quarterHours))
                .isCloseTo(1.0 / 96, within(1e-12));
        // 1/48 = 0.0208 > 0.02: the feature's own floor, as before
        assertThat(UsageBaseline.minSpread(Feature.FLAT_TOP, halfHours)).isEqualTo(0.02);
        assertThat(UsageBaseline.minSpread(Feature.LEVEL, quarterHours)).isEqualTo(0.05);
        assertThat(UsageBaseline.minSpread(Feature.FLAT_TOP, new DayLoad(1, Days.DAY)))
                .as("no readings")
                .isEqualTo(0.02);
    }

    @Test
    void aSuspiciousDayIsLearnedAtATwentiethOnceEnoughIsKnown() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < 31; d++) {
            live(b, Days.hourly(d, Days.flat(1)), WORKDAY);
        }
        // 31 workdays known: weight max(1/32, 1/60) = 1/32; the day's LEVEL z ≈ 13 > 3: 1/32/20
        DayComparison c = live(b, Days.hourly(31, Days.flat(0.5)), WORKDAY);
        assertThat(c.z()[Feature.LEVEL.ordinal()]).isGreaterThan(UsageBaseline.SUSPECT_Z);
        // 1 + (0.5 − 1) / 640 = 0.99921875
        assertThat(b.profile[0]).isCloseTo(0.99921875f, within(1e-6f));
    }

    @Test
    void afterAnInspectionVouchesForThePremisesTheNewLevelIsLearnedAsInTheFirstWeek() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < 40; d++) {
            live(b, Days.hourly(d, Days.flat(1)), WORKDAY);
        }
        b.relearn();
        // 7 days counted: the half-level day weighs 1/8 and is not slowed although z > 3:
        // 1 + (0.5 − 1) / 8 = 0.9375
        DayComparison c = live(b, Days.hourly(40, Days.flat(0.5)), WORKDAY);
        assertThat(c.z()[Feature.LEVEL.ordinal()]).isGreaterThan(UsageBaseline.SUSPECT_Z);
        assertThat(b.profile[0]).isCloseTo(0.9375f, within(1e-6f));
        assertThat(b.days()).isEqualTo(8);
    }

    @Test
    void aSuspiciousDayIsLearnedInFullWhileLittleIsKnown() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < 10; d++) {
            live(b, Days.hourly(d, Days.flat(1)), WORKDAY);
        }
        DayComparison c = live(b, Days.hourly(10, Days.flat(0.5)), WORKDAY);
        assertThat(c.z()[Feature.LEVEL.ordinal()]).isGreaterThan(UsageBaseline.SUSPECT_Z);
        // 10 known: 1 + (0.5 − 1) / 11
        assertThat(b.profile[0]).isCloseTo((float) (1 - 0.5 / 11), within(1e-6f));
    }

    @Test
    void anEmptyHouseholdCountsOnlyItsZerosAndFlatTop() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < 5; d++) {
            live(b, Days.hourly(d, shaped()), WORKDAY);
        }
        // usual FLAT_TOP: 20 of 24 readings at the 1 kW top; spread 0 (identical days)
        // the day: 0.25 every hour, mean 0.25 ≤ 1.5 × 0.2 with the standby kept: absent
        DayLoad away = Days.hourly(5, Days.flat(0.25));
        DayComparison c = b.compare(away, WORKDAY, true, null, null);
        assertThat(c.absent()).isTrue();
        // FLAT_TOP: (24/24 − 20/24) / 0.02 = 8.33
        assertThat(c.z()[Feature.FLAT_TOP.ordinal()])
                .isCloseTo((1 - 20.0 / 24) / 0.02, within(1e-4));
        for (Feature f : Feature.values()) {
            if (f != Feature.FLAT_TOP && f != Feature.ZEROS) {
                assertThat(c.z()[f.ordinal()]).as(f.name()).isZero();
            }
        }
        DayComparison business = b.compare(away, WORKDAY, false, null, null);
        assertThat(business.absent()).isFalse();
        assertThat(business.z()[Feature.LEVEL.ordinal()])
                .as("a business closed is not absent")
                .isGreaterThan(3);
    }

    @Test
    void aHouseholdSwitchedOffStillCountsItsZeros() {
        UsageBaseline b = new UsageBaseline();
        for (int d = 0; d < 5; d++) {
            live(b, Days.hourly(d, shaped()), WORKDAY);
        }
        // nothing at all: the house looks switched off, but readings at zero are not absence
        DayComparison c = b.compare(Days.hourly(5, Days.flat(0)), WORKDAY, true, null, null);
        assertThat(c.absent()).isTrue();
        assertThat(c.z()[Feature.LEVEL.ordinal()]).isZero();
        assertThat(c.z()[Feature.BASE.ordinal()]).isZero();
        // ZEROS: (24/24 − 0) / 0.02 (the least spread)
        assertThat(c.z()[Feature.ZEROS.ordinal()]).isCloseTo(1 / 0.02, within(1e-4));
    }

    @Test
    void theDayAndTheUsualDayArePricedHourByHour() {
        UsageBaseline b = new UsageBaseline();
        live(b, Days.hourly(1, Days.flat(1)), WORKDAY);
        double[] prices = new double[24];
        for (int h = 0; h < 24; h++) {
            prices[h] = h < 12 ? 0.3 : 0.8;
        }
        double[] x = Days.flat(2);
        x[20] = 4;
        DayComparison c = b.compare(Days.hourly(2, x), WORKDAY, true, null, prices);
        // the day: 12 · 2 · 0.3 + 11 · 2 · 0.8 + 4 · 0.8 = 7.2 + 17.6 + 3.2 = 28.0
        assertThat(c.chargeCny()).isCloseTo(28.0, within(1e-5));
        // the usual day: 12 · 0.3 + 12 · 0.8 = 13.2
        assertThat(c.usualChargeCny()).isCloseTo(13.2, within(1e-5));
        assertThat(c.kwh()).isCloseTo(50.0, within(1e-5));
        assertThat(c.usualKwh()).isCloseTo(24.0, within(1e-5));
        DayComparison unpriced = b.compare(Days.hourly(2, x), WORKDAY, true, null, null);
        assertThat(unpriced.chargeCny()).isNaN();
        assertThat(unpriced.usualChargeCny()).isNaN();
    }
}
