package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

    @Test
    void putsAboutAHundredCustomersInAnAreaByDefault() {
        SimulationConfig c = SimulationConfig.of(1001, 1, 1);
        assertThat(c.areas()).isEqualTo(11);
        assertThat(c.customersPerArea()).isEqualTo(91);
        assertThat(c.start()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(c.zone().getId()).isEqualTo("Asia/Shanghai");
        assertThat(c.faults()).isEqualTo(FaultRates.DEFAULT);
        assertThat(c.speed()).isZero();
    }

    @Test
    void derivesTheAreasFromCustomersPerArea() {
        assertThat(SimulationConfig.of(1000, 1, 1).withCustomersPerArea(250).areas()).isEqualTo(4);
    }

    @Test
    void rejectsImpossibleValuesWithAReason() {
        assertThatThrownBy(() -> SimulationConfig.of(-5, 1, 1))
                .hasMessage("customers must be 1..9999999, got -5");
        assertThatThrownBy(() -> SimulationConfig.of(10, 0, 1)).hasMessageContaining("days");
        assertThatThrownBy(() -> SimulationConfig.of(10, 1, 1).withAreas(11))
                .hasMessageContaining("areas");
        assertThatThrownBy(() -> SimulationConfig.of(10, 1, 1).withSpeed(-1))
                .hasMessageContaining("speed");
        assertThatThrownBy(() -> SimulationConfig.of(10, 1, 1).withStart(LocalDate.of(1999, 1, 1)))
                .hasMessageContaining("2000..2099");
    }

    @Test
    void rejectsFaultRatesOutsideTheirRange() {
        assertThatThrownBy(() -> new FaultRates(0.5, 0.4, 0.2, 60))
                .hasMessageContaining("more than 1");
        assertThatThrownBy(() -> new FaultRates(0, 0, 0, 7 * 24 * 60))
                .hasMessageContaining("maxLateMinutes");
        assertThatThrownBy(() -> new FaultRates(-0.1, 0, 0, 60)).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> new FaultRates(0.5, 0, 0, 60, 0.6, 0, 0))
                .hasMessageContaining("meter fault rates add up to more than 1");
        assertThatThrownBy(() -> new FaultRates(0, 0, 0, 60, 0, 0.7, 0.4))
                .hasMessageContaining("area fault rates add up to more than 1");
        assertThatThrownBy(() -> new FaultRates(0, 0, 0, 60, 0, 0, 1.5))
                .hasMessageContaining("areaOverlapping");
    }

    @Test
    void leavesOutReSendsAndAreaFaultsWhenOnlyTheFirstThreeRatesAreGiven() {
        assertThat(new FaultRates(0.01, 0.02, 0.03, 60))
                .isEqualTo(new FaultRates(0.01, 0.02, 0.03, 60, 0, 0, 0));
        assertThat(FaultRates.each(0.01, 60))
                .isEqualTo(new FaultRates(0.01, 0.01, 0.01, 60, 0.01, 0.01, 0.01));
    }
}
