package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ChargesTest {

    private final Charges largeIndustry =
            TariffFile.presets().get("large-industry-two-part").charges();

    @Test
    void chargesContractCapacityPerKva() {
        // 315 kVA transformer × 28 CNY = 8820.00 CNY a month.
        assertThat(largeIndustry.capacityChargeFen(new BigDecimal("315"))).isEqualTo(882_000);
        assertThat(largeIndustry.isTwoPart()).isTrue();
    }

    @Test
    void chargesTheMonthsMaximumDemandPerKw() {
        // 212.5 kW × 38 CNY = 8075.00 CNY.
        assertThat(largeIndustry.demandChargeFen(new BigDecimal("212.5"))).isEqualTo(807_500);
    }

    @Test
    void topsUpABillBelowTheMinimumCharge() {
        Charges charges =
                new Charges(
                        new BigDecimal("5"),
                        new BigDecimal("20"),
                        BigDecimal.ZERO,
                        BigDecimal.ZERO);
        assertThat(charges.fixedMonthlyFen()).isEqualTo(500);
        assertThat(charges.minimumTopUpFen(1_234)).isEqualTo(766);
        assertThat(charges.minimumTopUpFen(2_500)).isZero();
        assertThat(charges.isTwoPart()).isFalse();
    }
}
