package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Against the standard normal table (Abramowitz and Stegun, table 26.1; 7 decimals). */
class NormalTest {
    @Test
    void theDistributionFunctionIsTheTables() {
        assertThat(Normal.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Normal.cdf(1)).isCloseTo(0.8413447, within(2e-7));
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021, within(2e-7));
        assertThat(Normal.cdf(-2)).isCloseTo(0.0227501, within(2e-7));
        assertThat(Normal.cdf(3)).isCloseTo(0.9986501, within(2e-7));
        // far in the tail the fit keeps its relative error: Φ(−5) = 2.8665157e-7
        assertThat(Normal.cdf(-5)).isCloseTo(2.8665157e-7, within(1e-12));
    }

    @Test
    void theComplementaryErrorFunctionIsTheTables() {
        assertThat(Normal.erfc(0)).isCloseTo(1, within(1e-7));
        assertThat(Normal.erfc(0.5)).isCloseTo(0.4795001, within(2e-7));
        assertThat(Normal.erfc(-1)).isCloseTo(2 - 0.1572992, within(2e-7));
    }

    @Test
    void theLogDensityIsTheTables() {
        // φ(0) = 0.3989423, φ(2) = 0.0539910
        assertThat(Normal.logDensity(0)).isCloseTo(Math.log(0.3989423), within(1e-6));
        assertThat(Normal.logDensity(2)).isCloseTo(Math.log(0.0539910), within(1e-5));
        assertThat(Normal.logDensity(-2)).isEqualTo(Normal.logDensity(2));
    }
}
