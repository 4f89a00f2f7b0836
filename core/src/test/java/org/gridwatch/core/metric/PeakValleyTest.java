package org.gridwatch.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PeakValleyTest {

    @Test
    void ratesTheGapBetweenTheHighestAndLowestQuarterHourOfTheDay() {
        // 10 kWh in a quarter hour is 40 kW; 4 kWh is 16 kW: (40 - 16) / 40 = 60%
        long[] quarters = {Bucket.microKwh(6), Bucket.microKwh(10), Bucket.microKwh(4)};
        PeakValley pv = PeakValley.of(quarters, 3);

        assertThat(pv.peakKw()).isEqualTo(40.0);
        assertThat(pv.valleyKw()).isEqualTo(16.0);
        assertThat(pv.rate()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void aFlatDayHasNoGap() {
        long[] quarters = {5, 5, 5, 5};
        assertThat(PeakValley.of(quarters, 4).rate()).isZero();
        assertThat(PeakValley.of(new long[] {0, 0}, 2).rate()).isZero();
    }
}
