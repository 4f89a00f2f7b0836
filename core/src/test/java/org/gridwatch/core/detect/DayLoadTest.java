package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.junit.jupiter.api.Test;

class DayLoadTest {
    private static final long D = 20_000;
    private static final long START = D * Days.DAY;
    private static final long HOUR = Days.HOUR;
    private static final long MINUTE = 60_000L;

    private static MeterReading at(long endMinutes, int interval, double kwh) {
        return Days.reading(START + endMinutes * MINUTE, interval, kwh);
    }

    private static MeterReading register(long endMinutes, double kwh, double registerKwh) {
        return new MeterReading(
                "M", START + endMinutes * MINUTE, 60, kwh, registerKwh, Double.NaN, 0);
    }

    @Test
    void theHighestRateFollowsTheRatesAsRestored() {
        DayLoad day = new DayLoad(D, START);
        day.add(at(15, 15, 1.0)); // 1 kWh in a quarter hour: 4 kW
        day.add(at(30, 15, 0.5)); // 2 kW
        assertThat(day.maxKw()).isEqualTo(4.0);
        day.rates = new float[] {2.5f, 1.5f}; // a day read back from a checkpoint
        assertThat(day.maxKw()).isEqualTo(2.5);
        day.add(at(45, 15, 0.75)); // 3 kW
        assertThat(day.maxKw()).isEqualTo(3.0);
    }

    @Test
    void quarterHourReadingsFillTheirHour() {
        DayLoad day = new DayLoad(D, START);
        // 03:00-03:15 .. 03:45-04:00, 0.25 kWh each: hour 3 holds 4 × 0.25 = 1.0
        for (int q = 1; q <= 4; q++) {
            day.add(at(3 * 60 + 15 * q, 15, 0.25));
        }
        assertThat(day.hourly[3]).isCloseTo(1.0f, within(1e-6f));
        assertThat(day.hourly[2]).isZero();
        assertThat(day.hourly[4]).isZero();
        assertThat(day.readings).isEqualTo(4);
        assertThat(day.minutes).isEqualTo(60);
    }

    @Test
    void halfHourAndHourReadingsFillTheirHour() {
        DayLoad day = new DayLoad(D, START);
        day.add(at(10 * 60 + 30, 30, 0.4)); // 10:00-10:30
        day.add(at(11 * 60, 30, 0.6)); // 10:30-11:00
        day.add(at(6 * 60, 60, 2.0)); // 05:00-06:00
        assertThat(day.hourly[10]).isCloseTo(1.0f, within(1e-6f)); // 0.4 + 0.6
        assertThat(day.hourly[5]).isCloseTo(2.0f, within(1e-6f));
        assertThat(day.total()).isCloseTo(3.0, within(1e-6));
        assertThat(day.minutes).isEqualTo(30 + 30 + 60);
    }

    @Test
    void aReadingAcrossAnHourBoundaryIsSplitByTime() {
        DayLoad day = new DayLoad(D, START);
        day.add(at(3 * 60 + 30, 60, 1.2)); // 02:30-03:30: 30/60 each side → 0.6 + 0.6
        day.add(at(8 * 60 + 15, 30, 0.3)); // 07:45-08:15: 15/30 each side → 0.15 + 0.15
        day.add(
                at(
                        2 * 60 + 5,
                        15,
                        0.3)); // 01:50-02:05: 10/15 → 0.2 in hour 1, 5/15 → 0.1 in hour 2
        assertThat(day.hourly[1]).isCloseTo(0.2f, within(1e-6f));
        assertThat(day.hourly[2]).isCloseTo(0.6f + 0.1f, within(1e-6f));
        assertThat(day.hourly[3]).isCloseTo(0.6f, within(1e-6f));
        assertThat(day.hourly[7]).isCloseTo(0.15f, within(1e-6f));
        assertThat(day.hourly[8]).isCloseTo(0.15f, within(1e-6f));
        assertThat(day.total()).isCloseTo(1.2 + 0.3 + 0.3, within(1e-6));
    }

    @Test
    void aReadingPastMidnightIsCutAtIt() {
        DayLoad day = new DayLoad(D, START);
        day.add(at(24 * 60 + 30, 60, 1.0)); // 23:30-00:30: half of it is this day's
        assertThat(day.hourly[23]).isCloseTo(0.5f, within(1e-6f));
        assertThat(day.total()).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void zeroReadingsAreThoseBelowOneWattHourAnHour() {
        DayLoad day = new DayLoad(D, START);
        day.add(at(15, 15, 0.0)); // 0 kW
        day.add(at(30, 15, 0.0002)); // 0.0002 × 60/15 = 0.0008 kW < 0.001: a zero
        day.add(at(45, 15, 0.0003)); // 0.0012 kW ≥ 0.001: not a zero
        day.add(at(120, 60, 0.5));
        assertThat(day.zeroReadings).isEqualTo(2);
        assertThat(day.readings).isEqualTo(4);
    }

    @Test
    void readingsWithinHalfAPercentOfTheMaximumAreTied() {
        DayLoad day = new DayLoad(D, START);
        day.add(at(60, 60, 2.0)); // the maximum: 2.0 kW; tie 0.5% × 2.0 = 0.01 kW
        day.add(at(120, 60, 1.991)); // 2.0 − 1.991 = 0.009 ≤ 0.01: tied
        day.add(at(180, 60, 1.989)); // 0.011 > 0.01: not tied
        day.add(at(240, 60, 1.0));
        assertThat(day.maxKw()).isEqualTo(2.0);
        assertThat(day.tiedAtMax()).isEqualTo(2);
        day.add(at(300, 60, 2.5)); // a new maximum more than 0.01 above: the count restarts
        assertThat(day.maxKw()).isEqualTo(2.5);
        assertThat(day.tiedAtMax()).isEqualTo(1);
    }

    @Test
    void smallLoadsAreTiedWithinTheMetersLastDigit() {
        DayLoad day = new DayLoad(D, START);
        // 15-minute readings: 1.5 Wh a reading is 0.0015 × 60/15 = 0.006 kW, far above 0.5% of 0.04
        // kW
        day.add(at(15, 15, 0.010)); // 0.040 kW, the maximum
        day.add(at(30, 15, 0.009)); // 0.036 kW: 0.004 ≤ 0.006 below, tied
        day.add(at(45, 15, 0.008)); // 0.032 kW: 0.008 > 0.006 below, not tied
        assertThat(day.maxKw()).isCloseTo(0.04, within(1e-6));
        assertThat(day.tiedAtMax()).isEqualTo(2);
    }

    @Test
    void zeroReadingsAreNeverAFlatTop() {
        DayLoad day = Days.hourly(D, Days.flat(0.0));
        assertThat(day.tiedAtMax()).isZero();
        assertThat(day.zeroReadings).isEqualTo(24);
    }

    @Test
    void theFlatTopDoesNotDependOnTheOrderOfReadings() {
        // rates 1.000, 1.004, 1.008 kW; the highest is 1.008, 0.5% of it is 0.00504:
        // 1.004 is tied with it (0.004 below), 1.000 is not (0.008 below) → 2 tied
        DayLoad descending = new DayLoad(D, START);
        descending.add(at(60, 60, 1.008));
        descending.add(at(120, 60, 1.004));
        descending.add(at(180, 60, 1.000));
        DayLoad ascending = new DayLoad(D, START);
        ascending.add(at(180, 60, 1.000));
        ascending.add(at(120, 60, 1.004));
        ascending.add(at(60, 60, 1.008));
        assertThat(descending.maxKw()).isCloseTo(1.008, within(1e-6));
        assertThat(descending.tiedAtMax()).isEqualTo(2);
        assertThat(ascending.maxKw()).isCloseTo(1.008, within(1e-6));
        assertThat(ascending.tiedAtMax()).isEqualTo(2);
    }

    /**
     * Only the rates near the running maximum are kept; the flat top must be what counting every
     * rate of the day gives, by the rule stated in the class (counted here from all of them), for
     * days of every shape, readings in any order, and days restored in the old form (every slot's
     * rate, zeros included) that go on taking readings.
     */
    @Test
    void theFlatTopCountedFromTheRatesKeptIsTheOneFromEveryRate() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 3_000; trial++) {
            int interval = new int[] {15, 30, 60}[random.nextInt(3)];
            int slots = 24 * 60 / interval;
            double[] kwh = new double[slots];
            double level = Math.pow(10, random.nextDouble(-3, 2)); // 1 Wh to 100 kWh a reading
            for (int i = 0; i < slots; i++) {
                kwh[i] =
                        switch (random.nextInt(4)) {
                            case 0 -> 0; // zero readings
                            case 1 -> level; // a flat top
                            case 2 -> level * (1 - random.nextDouble(0.02)); // near it
                            default -> Math.round(level * random.nextDouble() * 1000) / 1000.0;
                        };
            }
            int[] order = shuffled(slots, random);
            boolean restoredHalfway = random.nextInt(4) == 0;
            DayLoad day = new DayLoad(D, START);
            float[] oldForm = new float[96];
            for (int k = 0; k < slots; k++) {
                int i = order[k];
                if (restoredHalfway && k == slots / 2) {
                    day.rates = oldForm.clone(); // as a day written before kept them
                }
                day.add(at((long) (i + 1) * interval, interval, kwh[i]));
                oldForm[i * interval / 15] = (float) (kwh[i] * 60.0 / interval);
            }
            float max = 0;
            for (int i = 0; i < slots; i++) {
                max = Math.max(max, (float) (kwh[i] * 60.0 / interval));
            }
            int tied = 0;
            if (max > 0.001) {
                double tie = Math.max(0.005 * max, 0.0015 * 60.0 / interval);
                for (int i = 0; i < slots; i++) {
                    float rate = (float) (kwh[i] * 60.0 / interval);
                    if (rate >= max - tie && rate > 0.001) {
                        tied++;
                    }
                }
            }
            assertThat(day.maxKw()).as("trial %d", trial).isEqualTo((double) max);
            assertThat(day.tiedAtMax()).as("trial %d", trial).isEqualTo(tied);
            if (!restoredHalfway && tied < slots / 2) {
                assertThat(day.rates.length).as("kept only near the top").isLessThan(slots);
            }
        }
    }

    private static int[] shuffled(int n, java.util.SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    @Test
    void eventsAreOred() {
        DayLoad day = new DayLoad(D, START);
        day.add(
                new MeterReading(
                        "M",
                        START + HOUR,
                        60,
                        1,
                        Double.NaN,
                        Double.NaN,
                        MeterEvent.COVER_OPEN.bit()));
        day.add(
                new MeterReading(
                        "M",
                        START + 2 * HOUR,
                        60,
                        1,
                        Double.NaN,
                        Double.NaN,
                        MeterEvent.PHASE_LOSS.bit()));
        day.add(new MeterReading("M", START + 3 * HOUR, 60, 1, Double.NaN, Double.NaN, 0));
        assertThat(day.events).isEqualTo(MeterEvent.COVER_OPEN.bit() | MeterEvent.PHASE_LOSS.bit());
    }

    @Test
    void exportIsKeptAsTheHoursItWasSentIn() {
        DayLoad day = new DayLoad(D, START);
        day.add(new MeterReading("M", START + HOUR, 60, 1, Double.NaN, 0.05, 0));
        day.add(new MeterReading("M", START + 2 * HOUR, 60, 1, Double.NaN, 0.07, 0));
        day.add(Days.reading(START + 3 * HOUR, 60, 1)); // no export reported
        assertThat(day.exportHours).isEqualTo(0b11); // 00:00-01:00 and 01:00-02:00
    }

    @Test
    void theHoursTheMeterRanBackwardsAreKept() {
        DayLoad day = new DayLoad(D, START);
        // 12:00-12:15 exported 0.2 kWh; 13:30-13:45 0.005, a meter's creep; 23:00-24:00 said
        // REVERSE_FLOW with no export figure; 06:45-07:15 (half an hour across 07:00) exported 0.02
        day.add(new MeterReading("M", START + 12 * HOUR + 15 * MINUTE, 15, 0, Double.NaN, 0.2, 0));
        day.add(
                new MeterReading(
                        "M", START + 13 * HOUR + 45 * MINUTE, 15, 0.1, Double.NaN, 0.005, 0));
        day.add(
                new MeterReading(
                        "M",
                        START + 24 * HOUR,
                        60,
                        0.3,
                        Double.NaN,
                        Double.NaN,
                        MeterEvent.REVERSE_FLOW.bit()));
        day.add(new MeterReading("M", START + 7 * HOUR + 15 * MINUTE, 30, 0, Double.NaN, 0.02, 0));
        assertThat(day.exportHours).isEqualTo(1 << 12 | 1 << 23 | 1 << 6 | 1 << 7);

        DayLoad other = new DayLoad(D, START);
        other.add(new MeterReading("M", START + 2 * HOUR, 60, 0, Double.NaN, 0.5, 0));
        day.merge(other);
        assertThat(day.exportHours).isEqualTo(1 << 12 | 1 << 23 | 1 << 6 | 1 << 7 | 1 << 1);
    }

    @Test
    void aReadingOfNoImportThatExportedIsNoZero() {
        DayLoad day = new DayLoad(D, START);
        day.add(new MeterReading("M", START + 12 * HOUR, 60, 0, Double.NaN, 1.5, 0)); // an array's
        day.add(new MeterReading("M", START + 13 * HOUR, 60, 0, Double.NaN, 0.0, 0)); // stopped
        day.add(new MeterReading("M", START + 14 * HOUR, 60, 0, Double.NaN, Double.NaN, 0));
        assertThat(day.zeroReadings).isEqualTo(2);
    }

    @Test
    void theRegisterIsTakenAtTheEarliestStartAndTheLatestEndInAnyOrder() {
        DayLoad day = new DayLoad(D, START);
        // hours 0, 1, 2 with 1, 2, 3 kWh; the register after each: 101, 103, 106; added out of
        // order
        day.add(register(180, 3, 106));
        day.add(register(60, 1, 101));
        day.add(register(120, 2, 103));
        assertThat(day.registerStartKwh).isCloseTo(100.0, within(1e-9)); // 101 − 1
        assertThat(day.registerStartMillis).isEqualTo(START);
        assertThat(day.registerEndKwh).isEqualTo(106.0);
        assertThat(day.registerEndMillis).isEqualTo(START + 3 * HOUR);
        assertThat(day.registerGapKwh()).isCloseTo(0.0, within(1e-6)); // 106 − 100 − 6
    }

    @Test
    void theRegisterGapIsWhatTheRegisterCountedAndTheIntervalsDidNot() {
        DayLoad day = new DayLoad(D, START);
        day.add(register(60, 1, 101));
        day.add(register(120, 2, 103));
        day.add(register(180, 2, 106)); // the interval says 2, the register advanced 3
        // 106 − (101 − 1) − (1 + 2 + 2) = 1
        assertThat(day.registerGapKwh()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void theRegisterGapIsNaNWithoutRegisters() {
        DayLoad day = Days.hourly(D, Days.flat(1.0));
        assertThat(day.registerStartKwh).isNaN();
        assertThat(day.registerGapKwh()).isNaN();
    }

    @Test
    void coverageIsTheShareOfTheDayReadAndAtMostOne() {
        DayLoad full = new DayLoad(D, START);
        for (int s = 1; s <= 48; s++) {
            full.add(at(30L * s, 30, 0.1));
        }
        assertThat(full.coverage()).isEqualTo(1.0);
        DayLoad part = new DayLoad(D, START);
        for (int s = 1; s <= 36; s++) {
            part.add(at(30L * s, 30, 0.1));
        }
        assertThat(part.coverage()).isCloseTo(0.75, within(1e-12)); // 36 × 30 / 1440
        DayLoad twice = new DayLoad(D, START);
        for (int s = 1; s <= 100; s++) {
            twice.add(at(15L * (s % 96 + 1), 15, 0.1)); // 1500 minutes, duplicates included
        }
        assertThat(twice.coverage()).isEqualTo(1.0);
    }

    /** A day of quarter-hour readings, 0.25 kWh each (1 kWh an hour), less the ones skipped. */
    private static DayLoad everyQuarterBut(java.util.Set<Integer> skipped) {
        DayLoad day = new DayLoad(D, START);
        for (int q = 0; q < 96; q++) {
            if (!skipped.contains(q)) {
                day.add(at(15L * (q + 1), 15, 0.25));
            }
        }
        return day;
    }

    @Test
    void aDayReadWholeIsCompletedAsRead() {
        DayLoad day = everyQuarterBut(java.util.Set.of());
        float[] usual = new float[DayLoad.HOURS];
        java.util.Arrays.fill(usual, 9f);
        assertThat(day.completedHourly(usual)).containsExactly(day.hourly);
    }

    @Test
    void anHourReadInPartIsCompletedAtItsOwnRate() {
        // 08:15-08:30 missing: hour 8 read 0.75 kWh in three quarters, completed × 4/3 = 1.0
        DayLoad day = everyQuarterBut(java.util.Set.of(33));
        assertThat(day.hourly[8]).isCloseTo(0.75f, within(1e-6f));
        float[] hours = day.completedHourly(null);
        assertThat(hours[8]).isCloseTo(1.0f, within(1e-6f));
        assertThat(hours[7]).isCloseTo(1.0f, within(1e-6f));
        assertThat(day.hourly[8]).isCloseTo(0.75f, within(1e-6f)); // the day itself unchanged
    }

    @Test
    void anHourNotReadTakesTheUsualHourScaledAsTheReadHoursCompare() {
        // hour 18 (quarters 72-75) not read; the other 23 hours read 1 kWh each = 23 kWh. The usual
        // day: 0.5 kWh an hour, 2 kWh at 18:00; its 23 read hours 11.5 kWh. The day runs at
        // 23 / 11.5 = 2 × its usual, so hour 18 is 2 × 2 = 4 kWh.
        DayLoad day = everyQuarterBut(java.util.Set.of(72, 73, 74, 75));
        float[] usual = new float[DayLoad.HOURS];
        java.util.Arrays.fill(usual, 0.5f);
        usual[18] = 2f;
        float[] hours = day.completedHourly(usual);
        assertThat(hours[18]).isCloseTo(4.0f, within(1e-5f));
        assertThat(hours[17]).isCloseTo(1.0f, within(1e-6f));
        // with no usual day, the read hours' mean: 23 / 23 = 1 kWh
        assertThat(day.completedHourly(null)[18]).isCloseTo(1.0f, within(1e-6f));
    }

    @Test
    void hourlyAndHalfHourlyReadingsCoverTheirQuarters() {
        DayLoad day = new DayLoad(D, START);
        day.add(at(6 * 60, 60, 2.0)); // 05:00-06:00: hour 5 whole
        day.add(at(10 * 60 + 30, 30, 0.4)); // 10:00-10:30: hour 10 half, completed to 0.8
        day.add(at(23 * 60 + 45, 15, 0.1)); // 23:30-23:45: the last hour, a quarter: 0.4
        float[] hours = day.completedHourly(null);
        assertThat(hours[5]).isCloseTo(2.0f, within(1e-6f));
        assertThat(hours[10]).isCloseTo(0.8f, within(1e-6f));
        assertThat(hours[23]).isCloseTo(0.4f, within(1e-6f));
        // the 21 hours not read take the read hours' mean, (2.0 + 0.8 + 0.4) / 3
        assertThat(hours[0]).isCloseTo(3.2f / 3, within(1e-6f));
    }

    @Test
    void aDayKeptWithoutItsQuartersIsAsRead() {
        DayLoad day = everyQuarterBut(java.util.Set.of(33));
        day.quartersLow = 0; // as restored from a release before the quarters were kept
        day.quartersHigh = 0;
        assertThat(day.completedHourly(null)).containsExactly(day.hourly);
    }

    @Test
    void mergedDaysCoverBothMetersQuarters() {
        // a meter exchanged at 12:00: the old meter read the morning, the new one the afternoon
        DayLoad old = new DayLoad(D, START);
        DayLoad fresh = new DayLoad(D, START);
        for (int q = 0; q < 96; q++) {
            (q < 48 ? old : fresh).add(at(15L * (q + 1), 15, 0.25));
        }
        old.merge(fresh);
        assertThat(old.completedHourly(null)).containsExactly(old.hourly);
        assertThat(old.quartersLow).isEqualTo(-1L);
        assertThat(old.quartersHigh).isEqualTo((1L << 32) - 1);
    }

    @Test
    void mergedDaysOfTwoMetersKeepTheNewRegistersEndAndNoStart() {
        // exchanged at 12:00: the old meter's register ran 18,330 → 18,342 over the morning, the
        // new one's 0 → 12 over the afternoon; 24 kWh read, neither register spans the day
        DayLoad old = new DayLoad(D, START);
        DayLoad fresh = new DayLoad(D, START);
        for (int h = 0; h < 24; h++) {
            (h < 12 ? old : fresh)
                    .add(register(60L * (h + 1), 1.0, h < 12 ? 18_331.0 + h : h - 11.0));
        }
        assertThat(old.registerGapKwh()).isZero();
        assertThat(fresh.registerGapKwh()).isZero();
        old.merge(fresh);
        assertThat(old.total()).isEqualTo(24.0);
        assertThat(old.registerEndKwh).isEqualTo(12.0);
        assertThat(old.registerEndMillis).isEqualTo(START + 24 * 60 * MINUTE);
        assertThat(old.registerStartKwh).isNaN();
        assertThat(old.registerGapKwh()).isNaN();
    }

    @Test
    void aMergedDayWithOneRegisterKeepsIt() {
        DayLoad withRegister = new DayLoad(D, START);
        withRegister.add(register(60, 1.0, 501.0));
        DayLoad without = new DayLoad(D, START);
        without.add(at(120, 60, 1.0));
        without.merge(withRegister);
        assertThat(without.registerStartKwh).isEqualTo(500.0);
        assertThat(without.registerEndKwh).isEqualTo(501.0);
    }
}
