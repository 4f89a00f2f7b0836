package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.gridwatch.core.event.CustomerClass;
import org.junit.jupiter.api.Test;

class ClassProfileTest {

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    @Test
    void normalisesEveryShapeAndSeasonToAMeanOfOne() {
        for (CustomerClass c : CustomerClass.values()) {
            ClassProfile p = ClassProfiles.of(c);
            assertThat(p.customerClass()).isEqualTo(c);
            assertThat(mean(p.workday())).as("%s", c).isCloseTo(1, within(1e-9));
            assertThat(mean(p.weekend())).as("%s", c).isCloseTo(1, within(1e-9));
            assertThat(mean(p.monthly())).as("%s", c).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void takesTheMonthsOwnFactorInMidMonthAndBlendsAtItsEdges() {
        ClassProfile residential = ClassProfiles.of(CustomerClass.RESIDENTIAL);
        double[] m = residential.monthly();
        assertThat(residential.seasonal(LocalDate.of(2026, 7, 16))).isCloseTo(m[6], within(0.01));
        double newYear = residential.seasonal(LocalDate.of(2026, 1, 1));
        assertThat(newYear).isBetween(Math.min(m[0], m[11]), Math.max(m[0], m[11]));
    }

    @Test
    void peaksHouseholdsInTheEveningAndStreetLightsAtNight() {
        double[] home = ClassProfiles.of(CustomerClass.RESIDENTIAL).workday();
        assertThat(home[40]).as("20:00").isGreaterThan(1.5 * home[8]).as("04:00");
        double[] lights = ClassProfiles.of(CustomerClass.NON_RESIDENTIAL_LIGHTING).workday();
        assertThat(lights[44]).as("22:00").isGreaterThan(10 * lights[24]).as("12:00");
        double[] offices = ClassProfiles.of(CustomerClass.NON_INDUSTRIAL).workday();
        assertThat(offices[20]).as("10:00").isGreaterThan(3 * offices[4]).as("02:00");
    }

    @Test
    void sizesContractsFromTheLadderAndBeyondItInMultiples() {
        ClassProfile residential = ClassProfiles.of(CustomerClass.RESIDENTIAL);
        assertThat(residential.contractKwFor(1.2)).isEqualTo(4);
        assertThat(residential.contractKwFor(6.5)).isEqualTo(8);
        assertThat(residential.contractKwFor(45)).isEqualTo(60);
    }
}
