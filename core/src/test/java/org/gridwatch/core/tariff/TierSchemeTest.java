package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TierSchemeTest {

    private final Tariff residential = TariffFile.presets().get("residential-tiered");
    private final TierScheme annual = residential.tiers();

    private static BigDecimal kwh(String value) {
        return new BigDecimal(value);
    }

    @Test
    void splitsABillThatCrossesTheFirstThreshold() {
        // 2000 kWh billed this year already; this month 300 kWh: 160 in tier 1, 140 in tier 2.
        BigDecimal[] split = annual.split(kwh("2000"), kwh("300"));
        assertThat(split)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(kwh("160"), kwh("140"), kwh("0"));
        // 140 × 0.05 = 7.00 CNY.
        assertThat(annual.incrementFen(kwh("2000"), kwh("300"))).isEqualTo(700);
    }

    @Test
    void splitsABillThatCrossesBothThresholds() {
        // 2100 before, 2200 now: 60 in tier 1, 2040 in tier 2 (to 4200), 100 in tier 3.
        BigDecimal[] split = annual.split(kwh("2100"), kwh("2200"));
        assertThat(split)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(kwh("60"), kwh("2040"), kwh("100"));
        // 2040 × 0.05 = 102.00 and 100 × 0.30 = 30.00: 132.00 CNY.
        assertThat(annual.incrementFen(kwh("2100"), kwh("2200"))).isEqualTo(13_200);
    }

    @Test
    void chargesNoIncrementWhileTheYearStaysInTheFirstTier() {
        assertThat(annual.incrementFen(kwh("0"), kwh("2160"))).isZero();
        assertThat(annual.incrementFen(kwh("2160"), kwh("0.5"))).isEqualTo(3); // 0.025 CNY
    }

    @Test
    void decidesTheTierOnTheTotalAndTheTouPriceOnTheSplit() {
        Tariff offpeak = TariffFile.presets().get("residential-tiered-offpeak");
        // A month of 200 kWh peak and 100 kWh valley, 2100 kWh billed earlier in the year.
        long peak = TariffMoney.amountFen(kwh("200"), offpeak.priceOf(TariffPeriod.PEAK));
        long valley = TariffMoney.amountFen(kwh("100"), offpeak.priceOf(TariffPeriod.VALLEY));
        long tiers = offpeak.tiers().incrementFen(kwh("2100"), kwh("300"));
        // 200 × 0.5583 = 111.66; 100 × 0.3583 = 35.83; 240 kWh in tier 2 × 0.05 = 12.00.
        assertThat(peak).isEqualTo(11_166);
        assertThat(valley).isEqualTo(3_583);
        assertThat(tiers).isEqualTo(1_200);
        assertThat(peak + valley + tiers).isEqualTo(15_949);
    }

    @Test
    void restartsMonthlyTiersEveryMonth() {
        TierScheme monthly =
                new TierScheme(
                        TierScheme.Basis.MONTHLY,
                        java.util.List.of(
                                new TierScheme.Tier(180, BigDecimal.ZERO),
                                new TierScheme.Tier(350, kwh("0.05")),
                                new TierScheme.Tier(Long.MAX_VALUE, kwh("0.30"))));
        // 400 kWh in one month: 180 / 170 / 50 → 8.50 + 15.00 = 23.50 CNY.
        assertThat(monthly.incrementFen(BigDecimal.ZERO, kwh("400"))).isEqualTo(2_350);
    }

    @Test
    void treatsAnUntieredTariffAsOneOpenTier() {
        assertThat(TierScheme.NONE.isTiered()).isFalse();
        assertThat(TierScheme.NONE.incrementFen(kwh("99999"), kwh("500"))).isZero();
    }
}
