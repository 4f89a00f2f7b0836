package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two sides of an area's day ({@link AreaBalance.Measured}): a meter or a transformer whose
 * readings miss part of the day is completed at its own rate, and a side whose readings measured
 * less than 90% of its energy leaves the day unbalanced.
 */
class AreaMeasuredTest {

    /** A day of {@code kwh} read over all but {@code uncovered} of it. */
    private static DayReport day(String customer, double kwh, double uncovered) {
        double[] none = new double[Feature.COUNT];
        return new DayReport(
                customer,
                "M" + customer,
                "A1",
                "RESIDENTIAL",
                20_000,
                0,
                false,
                none,
                none,
                new float[Feature.COUNT],
                kwh,
                Double.NaN,
                Double.NaN,
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

    @Test
    void aDayEveryMeterCoversIsTheSumOfItsReadings() {
        AreaBalance.Measured m =
                AreaBalance.Measured.meters(List.of(day("1", 10, 0), day("2", 6, 0)));

        assertThat(m.kwh()).isEqualTo(16.0);
        assertThat(m.coverage()).isEqualTo(1.0);
        assertThat(m.complete()).isTrue();
    }

    @Test
    void aMeterMissingPartOfItsDayIsCompletedAtItsOwnRate() {
        // meter 2 read 4.5 kWh over three quarters of its day: 6 kWh for the whole day; of the
        // area's 10 + 6 = 16 kWh, readings measured 14.5
        AreaBalance.Measured m =
                AreaBalance.Measured.meters(List.of(day("1", 10, 0), day("2", 4.5, 0.25)));

        assertThat(m.kwh()).isCloseTo(16.0, within(1e-9));
        assertThat(m.coverage()).isCloseTo(14.5 / 16, within(1e-9));
        assertThat(m.complete()).isTrue(); // 0.906
    }

    @Test
    void aDayWhoseReadingsMeasuredLessThanNinetyPercentOfItsEnergyIsNotComplete() {
        // a head-end lost 8 hours of every meter's day: a third of the energy is an estimate
        AreaBalance.Measured m =
                AreaBalance.Measured.meters(
                        List.of(day("1", 8, 1.0 / 3), day("2", 4, 1.0 / 3), day("3", 2, 0)));

        assertThat(m.kwh()).isCloseTo(12 + 6 + 2, within(1e-5)); // a float third
        assertThat(m.coverage()).isCloseTo(14.0 / 20, within(1e-6));
        assertThat(m.complete()).isFalse();
    }

    @Test
    void aDepartureIsNoEnergyAndAnAreaWithoutEnergyIsComplete() {
        DayReport leaving = DayReport.leaving("9", "M9", "A1", "RESIDENTIAL", 20_000, 0, "removed");

        AreaBalance.Measured m = AreaBalance.Measured.meters(List.of(leaving, day("1", 0, 0)));

        assertThat(m.kwh()).isEqualTo(0.0);
        assertThat(m.coverage()).isEqualTo(1.0);
    }

    @Test
    void aSupplyWithEveryQuarterHourIsWhatItsReadingsSay() {
        AreaBalance.Measured s = AreaBalance.Measured.supply(100, 1440, 1440);

        assertThat(s.kwh()).isEqualTo(100.0);
        assertThat(s.coverage()).isEqualTo(1.0);
        assertThat(s.complete()).isTrue();
    }

    @Test
    void aSupplyMissingEightHoursIsCompletedAndNotComplete() {
        // 16 of 24 hours read 80 kWh: 120 kWh for the day, two thirds of it measured
        AreaBalance.Measured s = AreaBalance.Measured.supply(80, 960, 1440);

        assertThat(s.kwh()).isCloseTo(120.0, within(1e-9));
        assertThat(s.coverage()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(s.complete()).isFalse();
    }

    @Test
    void aSupplyMissingTwoQuarterHoursIsCompleteOnADayOfTwentyFiveHours() {
        // the day daylight saving time ends: 1500 minutes, 30 of them without a reading
        AreaBalance.Measured s = AreaBalance.Measured.supply(98, 1470, 1500);

        assertThat(s.kwh()).isCloseTo(100.0, within(1e-9));
        assertThat(s.complete()).isTrue();
    }
}
