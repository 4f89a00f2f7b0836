package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TariffMoneyTest {

    @Test
    void roundsALineHalfUpToTheFen() {
        // 1 kWh × 0.005 CNY = 0.5 fen → 1 fen; 0.0049 CNY = 0.49 fen → 0 fen.
        assertThat(TariffMoney.amountFen(BigDecimal.ONE, new BigDecimal("0.005"))).isEqualTo(1);
        assertThat(TariffMoney.amountFen(BigDecimal.ONE, new BigDecimal("0.0049"))).isEqualTo(0);
        // 12.345 kWh × 1.04 = 12.8388 CNY → 1283.88 fen → 1284 fen.
        assertThat(TariffMoney.amountFen(new BigDecimal("12.345"), new BigDecimal("1.04")))
                .isEqualTo(1284);
        // 10 kWh × 0.2925 = 2.925 CNY → 292.5 fen → 293 fen.
        assertThat(TariffMoney.amountFen(BigDecimal.TEN, new BigDecimal("0.2925"))).isEqualTo(293);
    }

    @Test
    void readsAMeteredDoubleAsTheDecimalItPrintsAs() {
        // 1.1 as a double is 1.100000000000000088…; priced as 1.1: 1.1 × 0.5 = 0.55 CNY = 55 fen.
        assertThat(TariffMoney.amountFen(1.1, new BigDecimal("0.5"))).isEqualTo(55);
        // 0.15 × 0.1 = 0.015 CNY = 1.5 fen → 2 fen, where the binary double would give 1.
        assertThat(TariffMoney.amountFen(0.15, new BigDecimal("0.1"))).isEqualTo(2);
    }

    @Test
    void convertsYuanToFen() {
        assertThat(TariffMoney.fen(new BigDecimal("8820"))).isEqualTo(882_000);
        assertThat(TariffMoney.fen(new BigDecimal("0.125"))).isEqualTo(13);
    }
}
