package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The metered side of an area's day ({@link AreaBalance.Metered}): a meter whose readings miss part
 * of the day is completed at its own rate, and a day whose readings measured less than 90% of the
 * energy is not balanced.
 */
class AreaMeteredTest {

    /** A day of {@code kwh} read over all but {@code uncovered} of it. */
    private static DayReport day(String customer, double kwh, double uncovered) {
        DayReport d =
                new DayReport(
                        customer,
                        "M" + customer,
                        "A1",
                        "RESIDENTIAL",
                        20_000,
                        0,
                        false,
                        new double[Feature.COUNT],
                        new double[Feature.COUNT],
                        new float[Feature.COUNT],
                        kwh,
                        Double.NaN,
                        Double.NaN,
                        false,
                        false,
                        false,
                        false);
        return new DayReport(
                d.customerId(),
                d.meterId(),
                d.areaId(),
                d.customerClass(),
                d.epochDay(),
                d.closedAtMillis(),
                d.scored(),
                d.z(),
                d.value(),
                d.usual(),
                d.kwh(),
                d.usualKwh(),
                d.lossCny(),
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
        AreaBalance.Metered m = AreaBalance.Metered.of(List.of(day("1", 10, 0), day("2", 6, 0)));

        assertThat(m.kwh()).isEqualTo(16.0);
        assertThat(m.coverage()).isEqualTo(1.0);
        assertThat(m.complete()).isTrue();
    }

    @Test
    void aMeterMissingPartOfItsDayIsCompletedAtItsOwnRate() {
        // meter 2 read 4.5 kWh over three quarters of its day: 6 kWh for the whole day; of the
        // area's 10 + 6 = 16 kWh, readings measured 14.5
        AreaBalance.Metered m =
                AreaBalance.Metered.of(List.of(day("1", 10, 0), day("2", 4.5, 0.25)));

        assertThat(m.kwh()).isCloseTo(16.0, within(1e-9));
        assertThat(m.coverage()).isCloseTo(14.5 / 16, within(1e-9));
        assertThat(m.complete()).isTrue(); // 0.906
    }

    @Test
    void aDayWhoseReadingsMeasuredLessThanNinetyPercentOfItsEnergyIsNotComplete() {
        // a head-end lost 8 hours of every meter's day: a third of the energy is an estimate
        AreaBalance.Metered m =
                AreaBalance.Metered.of(
                        List.of(day("1", 8, 1.0 / 3), day("2", 4, 1.0 / 3), day("3", 2, 0)));

        assertThat(m.kwh()).isCloseTo(12 + 6 + 2, within(1e-5)); // a float third
        assertThat(m.coverage()).isCloseTo(14.0 / 20, within(1e-6));
        assertThat(m.complete()).isFalse();
    }

    @Test
    void aDepartureIsNoEnergyAndAnAreaWithoutEnergyIsComplete() {
        DayReport leaving = DayReport.leaving("9", "M9", "A1", "RESIDENTIAL", 20_000, 0, "removed");

        AreaBalance.Metered m = AreaBalance.Metered.of(List.of(leaving, day("1", 0, 0)));

        assertThat(m.kwh()).isEqualTo(0.0);
        assertThat(m.coverage()).isEqualTo(1.0);
    }
}
