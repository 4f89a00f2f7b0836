package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.junit.jupiter.api.Test;

class MeterEvidenceTest {
    private static final long D = 20_000;

    private static DayLoad day(int events, double exportKwh, double registerAfterKwh) {
        DayLoad day = new DayLoad(D, D * Days.DAY);
        // one hour of 1 kWh; the register after it, so the day's starting register is 1 less
        day.add(
                new MeterReading(
                        "M",
                        D * Days.DAY + Days.HOUR,
                        60,
                        1.0,
                        registerAfterKwh,
                        exportKwh,
                        events));
        return day;
    }

    @Test
    void aQuietDaySaysNothing() {
        MeterEvidence m = MeterEvidence.of(day(0, Double.NaN, 101), 100, false);
        assertThat(m).isEqualTo(MeterEvidence.NONE);
        assertThat(m.any()).isFalse();
    }

    @Test
    void coverOpenAndMagneticTamperAreTamper() {
        assertThat(
                        MeterEvidence.of(
                                        day(MeterEvent.COVER_OPEN.bit(), Double.NaN, Double.NaN),
                                        Double.NaN,
                                        false)
                                .tamper())
                .isTrue();
        MeterEvidence m =
                MeterEvidence.of(
                        day(MeterEvent.MAGNETIC_TAMPER.bit(), Double.NaN, Double.NaN),
                        Double.NaN,
                        false);
        assertThat(m.tamper()).isTrue();
        assertThat(m.any()).isTrue();
        assertThat(
                        MeterEvidence.of(
                                        day(MeterEvent.POWER_OFF.bit(), Double.NaN, Double.NaN),
                                        Double.NaN,
                                        false)
                                .any())
                .isFalse();
    }

    @Test
    void aRegisterMoreThanHalfAKilowattHourBelowTheLastIsARollback() {
        // the day starts at 100.6 − 1 = 99.6: 0.4 below 100, within the meter's slack
        assertThat(MeterEvidence.of(day(0, Double.NaN, 100.6), 100, false).registerRollback())
                .isFalse();
        // starts at 100.4 − 1 = 99.4: 0.6 below 100
        assertThat(MeterEvidence.of(day(0, Double.NaN, 100.4), 100, false).registerRollback())
                .isTrue();
        assertThat(MeterEvidence.of(day(0, Double.NaN, 50), Double.NaN, false).registerRollback())
                .as("no previous register")
                .isFalse();
        assertThat(MeterEvidence.of(day(0, Double.NaN, Double.NaN), 100, false).registerRollback())
                .as("no register today")
                .isFalse();
    }

    @Test
    void aRegisterThatRolledOverItsDigitsIsNoRollback() {
        // five digits: the previous day ended at 99,999.7; this day starts at 0.6 − 1 = −0.4,
        // worked back from its first reading: 0.3 + 0.4 = 0.7 kWh on, across the rollover
        assertThat(MeterEvidence.of(day(0, Double.NaN, 0.6), 99_999.7, false).registerRollback())
                .isFalse();
        // an exchanged or reset meter starting near 0 far from the old register's end still is
        assertThat(MeterEvidence.of(day(0, Double.NaN, 1.3), 18_342.1, false).registerRollback())
                .isTrue();
    }

    @Test
    void aRegisterThatRollsOverWithinTheDayAgreesWithItsIntervals() {
        // 99,998.5 before the first hour; 99,999.5, then 0.5 … 4.5: 6 kWh, as the intervals say
        DayLoad across = sixHours(99_999.5, 0.5, 1.5, 2.5, 3.5, 4.5);
        assertThat(across.registerGapKwh())
                .isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(MeterEvidence.disagree(across)).isFalse();
        assertThat(MeterEvidence.registerAhead(across)).isFalse();
        assertThat(MeterEvidence.of(across, 99_998.5, false)).isEqualTo(MeterEvidence.NONE);
    }

    @Test
    void reverseEnergyWithoutGenerationIsAFinding() {
        assertThat(
                        MeterEvidence.of(day(0, 0.11, Double.NaN), Double.NaN, false)
                                .reverseWithoutGeneration())
                .isTrue();
        assertThat(
                        MeterEvidence.of(day(0, 0.009, Double.NaN), Double.NaN, false)
                                .reverseWithoutGeneration())
                .as("a meter's creep, under 10 Wh a reading")
                .isFalse();
        assertThat(
                        MeterEvidence.of(
                                        day(MeterEvent.REVERSE_FLOW.bit(), Double.NaN, Double.NaN),
                                        Double.NaN,
                                        false)
                                .reverseWithoutGeneration())
                .isTrue();
    }

    @Test
    void reverseEnergyInDaylightIsARooftopArraysNotAFinding() {
        // 10:00-16:00 each hour exports 1.5 kWh with REVERSE_FLOW; import 0 (net metering)
        DayLoad sunny = new DayLoad(D, D * Days.DAY);
        for (int h = 10; h < 16; h++) {
            sunny.add(
                    new MeterReading(
                            "M",
                            D * Days.DAY + (h + 1) * Days.HOUR,
                            60,
                            0,
                            Double.NaN,
                            1.5,
                            MeterEvent.REVERSE_FLOW.bit()));
        }
        assertThat(MeterEvidence.of(sunny, Double.NaN, false).any()).isFalse();
        // the same meter exporting 0.3 kWh in 02:00-03:00: no array makes energy then
        sunny.add(new MeterReading("M", D * Days.DAY + 3 * Days.HOUR, 60, 0, Double.NaN, 0.3, 0));
        assertThat(MeterEvidence.of(sunny, Double.NaN, false).reverseWithoutGeneration()).isTrue();
        // and 23:00-24:00, the last dark hour of the evening
        DayLoad late = new DayLoad(D, D * Days.DAY);
        late.add(new MeterReading("M", D * Days.DAY + 24 * Days.HOUR, 60, 0, Double.NaN, 0.2, 0));
        assertThat(MeterEvidence.of(late, Double.NaN, false).reverseWithoutGeneration()).isTrue();
        // 22:00-23:00 is not counted: sunset can be near 22:00 in summer (daylight saving, the
        // far west of a wide time zone)
        DayLoad dusk = new DayLoad(D, D * Days.DAY);
        dusk.add(new MeterReading("M", D * Days.DAY + 23 * Days.HOUR, 60, 0, Double.NaN, 0.2, 0));
        assertThat(MeterEvidence.of(dusk, Double.NaN, false).reverseWithoutGeneration()).isFalse();
    }

    @Test
    void reverseEnergyIsExpectedFromACustomerWithGeneration() {
        MeterEvidence m =
                MeterEvidence.of(
                        day(MeterEvent.REVERSE_FLOW.bit(), 5.0, Double.NaN), Double.NaN, true);
        assertThat(m.reverseWithoutGeneration()).isFalse();
    }

    @Test
    void phaseLossAndCurrentImbalanceAreAPhaseFault() {
        assertThat(
                        MeterEvidence.of(
                                        day(MeterEvent.PHASE_LOSS.bit(), Double.NaN, Double.NaN),
                                        Double.NaN,
                                        false)
                                .phaseFault())
                .isTrue();
        assertThat(
                        MeterEvidence.of(
                                        day(
                                                MeterEvent.CURRENT_IMBALANCE.bit(),
                                                Double.NaN,
                                                Double.NaN),
                                        Double.NaN,
                                        false)
                                .phaseFault())
                .isTrue();
    }

    /** Hours 0–5 of 1 kWh each, with the registers the meter gives after each. */
    private static DayLoad sixHours(double... registersAfter) {
        DayLoad day = new DayLoad(D, D * Days.DAY);
        for (int h = 0; h < registersAfter.length; h++) {
            if (!Double.isNaN(registersAfter[h])) {
                day.add(
                        new MeterReading(
                                "M",
                                D * Days.DAY + (h + 1) * Days.HOUR,
                                60,
                                1.0,
                                registersAfter[h],
                                Double.NaN,
                                0));
            }
        }
        return day;
    }

    @Test
    void aRegisterThatCountedLessThanTheIntervalsIsEvidence() {
        // registers 101 … 106: the span 100–106 advances 6, the intervals say 6
        DayLoad agree = sixHours(101, 102, 103, 104, 105, 106);
        assertThat(MeterEvidence.of(agree, 100, false)).isEqualTo(MeterEvidence.NONE);
        assertThat(MeterEvidence.disagree(agree)).isFalse();
        // the intervals report more than the register advanced (a slowed register): 4.5 − 6 =
        // −1.5 kWh; tolerance 0.1 + 1% of 6 + 6 × 0.0005 = 0.163
        DayLoad slowed = sixHours(101, 102, 103, 104, 104.5, 104.5);
        MeterEvidence behind = MeterEvidence.of(slowed, 100, false);
        assertThat(behind.registerMismatch()).isTrue();
        assertThat(behind.any()).isTrue();
        assertThat(MeterEvidence.disagree(slowed)).isTrue();
        assertThat(MeterEvidence.registerAhead(slowed)).isFalse();
        // within the tolerance either way: 6.15 − 6 and 5.85 − 6
        for (DayLoad near :
                List.of(
                        sixHours(101, 102, 103, 104, 105, 106.15),
                        sixHours(101, 102, 103, 104, 105, 105.85))) {
            assertThat(MeterEvidence.of(near, 100, false).registerMismatch()).isFalse();
            assertThat(MeterEvidence.disagree(near)).isFalse();
        }
    }

    @Test
    void aRegisterAheadOfTheIntervalsIsTheMeteringTeamsNotEvidence() {
        // the last register says 108: 8 − 6 = 2 kWh more than the intervals. The register bills
        // the month, so the customer pays for the 8 kWh: the intervals are what is wrong
        DayLoad ahead = sixHours(101, 102, 103, 104, 105, 108);
        assertThat(MeterEvidence.of(ahead, 100, false)).isEqualTo(MeterEvidence.NONE);
        assertThat(MeterEvidence.disagree(ahead)).isTrue();
        assertThat(MeterEvidence.registerAhead(ahead)).isTrue();
        // intervals reading zero while the register counts 1 kWh an hour
        DayLoad zeros = zerosWithout(6, -1);
        assertThat(MeterEvidence.of(zeros, 100, false).registerMismatch()).isFalse();
        assertThat(MeterEvidence.registerAhead(zeros)).isTrue();
        // a day of zeros with the third hour's reading lost: the register advances 23 kWh over the
        // 24 hours its readings span (101 → 124), of which the hour not covered may hold up to
        // 23 / 24 / 0.15 = 6.4 kWh; the other 16.6 are energy the intervals missed
        assertThat(MeterEvidence.registerAhead(zerosWithout(24, 2))).isTrue();
        assertThat(MeterEvidence.disagree(zerosWithout(24, 2)))
                .as("no verdict across a gap")
                .isFalse();
        // over six hours the hour not covered is a sixth of the span: 5 / 6 / 0.15 = 5.6 kWh may
        // be in it, all of the register's 5 (101 → 106)
        assertThat(MeterEvidence.registerAhead(zerosWithout(6, 2))).isFalse();
    }

    /**
     * {@code hours} hourly readings of 0 kWh, the register 101, 102, … after each; the reading of
     * hour {@code lost} left out (none if −1).
     */
    private static DayLoad zerosWithout(int hours, int lost) {
        DayLoad day = new DayLoad(D, D * Days.DAY);
        for (int h = 0; h < hours; h++) {
            if (h != lost) {
                day.add(
                        new MeterReading(
                                "M",
                                D * Days.DAY + (h + 1) * Days.HOUR,
                                60,
                                0.0,
                                101 + h,
                                Double.NaN,
                                0));
            }
        }
        return day;
    }

    @Test
    void aMissingReadingLeavesTheRegisterNoVerdict() {
        // hour 3 missing: the register counted its energy, the intervals did not (108 − 100 − 5
        // = 3 kWh "gap"), and no verdict is given
        assertThat(
                        MeterEvidence.of(sixHours(101, 102, Double.NaN, 106, 107, 108), 100, false)
                                .registerMismatch())
                .isFalse();
        // nor is the register ahead: the hour not covered may hold up to 8 / 6 / 0.15 = 8.9 kWh
        assertThat(MeterEvidence.registerAhead(sixHours(101, 102, Double.NaN, 106, 107, 108)))
                .isFalse();
    }
}
