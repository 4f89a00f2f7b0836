package org.gridwatch.core.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegisterRolloverTest {

    @Test
    void aRegisterThatRollsOverItsDigitsAdvancesByWhatItCountedAcrossTheRollover() {
        // five digits: 99,999.6 → 100,000.0 (0.4 kWh) → 0.4 (0.4 kWh more)
        assertThat(RegisterRollover.advance(99_999.6, 0.4)).isCloseTo(0.8, within(1e-9));
        // six digits (DL/T 645's XXXXXX.XX): 999,990.00 → 12.50 is 10 + 12.5
        assertThat(RegisterRollover.advance(999_990.0, 12.5)).isCloseTo(22.5, within(1e-9));
        // four digits: 9,999.9 → 0.2 is 0.1 + 0.2
        assertThat(RegisterRollover.advance(9_999.9, 0.2)).isCloseTo(0.3, within(1e-9));
        // within 1% of the range at both ends: 99,000 → 999.9 is 1,000 + 999.9
        assertThat(RegisterRollover.advance(99_000, 999.9)).isCloseTo(1_999.9, within(1e-9));
    }

    @Test
    void aRegisterThatStepsBackAnywhereElseIsNoRollover() {
        // a meter exchanged or reset: its new register starts near 0 far from the old one's end
        assertThat(RegisterRollover.rolledOver(18_342.1, 0.3)).isFalse();
        assertThat(RegisterRollover.advance(18_342.1, 0.3)).isCloseTo(-18_341.8, within(1e-9));
        // rolled back near the end of the range, but not to its bottom
        assertThat(RegisterRollover.rolledOver(99_999.6, 1_000.0)).isFalse();
        // from below the top 1% of the range (99,000 is its edge)
        assertThat(RegisterRollover.rolledOver(98_999.9, 0.4)).isFalse();
        // a small step back (a rolled-back register) is a step back
        assertThat(RegisterRollover.advance(1_024.0, 1_022.0)).isEqualTo(-2.0);
        // forwards is forwards, whatever the digits
        assertThat(RegisterRollover.advance(99_999.6, 99_999.9)).isCloseTo(0.3, within(1e-9));
        assertThat(RegisterRollover.rolledOver(99_999.6, 99_999.9)).isFalse();
    }

    @Test
    void whatIsNotAReadingNeitherAdvancesNorRollsOver() {
        assertThat(RegisterRollover.advance(Double.NaN, 0.4)).isNaN();
        assertThat(RegisterRollover.advance(99_999.6, Double.NaN)).isNaN();
        assertThat(RegisterRollover.rolledOver(Double.POSITIVE_INFINITY, 0.4)).isFalse();
    }

    @Test
    void aReadWorkedBackAcrossTheRolloverMayBeBelowZero() {
        // the first reading after the rollover read 0.5 after 1 kWh: the register before it was
        // 99,999.5, worked back as 0.5 − 1 = −0.5
        assertThat(RegisterRollover.advance(99_999.5, -0.5)).isCloseTo(0.0, within(1e-9));
        assertThat(RegisterRollover.rolledOver(99_999.6, -1_000.0)).isFalse();
    }

    @Test
    void theRangeIsTheSmallestPowerOfTenAboveTheReadFromFourDigits() {
        assertThat(RegisterRollover.rangeAbove(5)).isEqualTo(10_000);
        assertThat(RegisterRollover.rangeAbove(9_999.99)).isEqualTo(10_000);
        assertThat(RegisterRollover.rangeAbove(10_000)).isEqualTo(100_000);
        assertThat(RegisterRollover.rangeAbove(123_456.78)).isEqualTo(1_000_000);
    }
}
