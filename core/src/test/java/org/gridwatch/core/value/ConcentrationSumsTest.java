package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConcentrationSumsTest {

    @Test
    void theSumsOfTwoRangesGiveTheFiguresOfTheWhole() {
        // 100 … 1000 CNY (in fen) sorted, cut after the third
        long[] low = {10_000, 20_000, 30_000};
        long[] high = {40_000, 50_000, 60_000, 70_000, 80_000, 90_000, 100_000};

        Concentration c =
                ConcentrationSums.of(high, 3, 10, 20)
                        .plus(ConcentrationSums.of(low, 0, 10, 20))
                        .concentration();

        assertThat(c.customers()).isEqualTo(10);
        assertThat(c.revenueFen()).isEqualTo(550_000);
        // the top two of ten: 1,900 of 5,500 CNY
        assertThat(c.topShare()).isCloseTo(1900.0 / 5500, within(1e-15));
        // by hand: 2 Σ i·x / (n Σ x) − (n + 1) / n = 2 × 385 / 550 − 1.1 = 1.4 − 1.1 = 0.3
        assertThat(c.gini()).isCloseTo(0.3, within(1e-15));
    }

    @Test
    void noValuesNoFigures() {
        assertThat(ConcentrationSums.NONE.concentration()).isEqualTo(new Concentration(0, 0, 0, 0));
    }
}
