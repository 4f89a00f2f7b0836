package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TouPricesTest {

    private static BigDecimal cny(String value) {
        return new BigDecimal(value);
    }

    @Test
    void givesAMultipleOfFlatTheSamePriceAsTheAbsoluteItStandsFor() {
        TouPrices multiples =
                new TouPrices(
                        Map.of(
                                TariffPeriod.FLAT, new PriceRule.Absolute(cny("0.6500")),
                                TariffPeriod.PEAK,
                                        new PriceRule.Multiple(TariffPeriod.FLAT, cny("1.6")),
                                TariffPeriod.VALLEY,
                                        new PriceRule.Multiple(TariffPeriod.FLAT, cny("0.45"))));
        TouPrices absolutes =
                new TouPrices(
                        Map.of(
                                TariffPeriod.FLAT, new PriceRule.Absolute(cny("0.65")),
                                TariffPeriod.PEAK, new PriceRule.Absolute(cny("1.04")),
                                TariffPeriod.VALLEY, new PriceRule.Absolute(cny("0.2925"))));
        for (TariffPeriod p :
                new TariffPeriod[] {TariffPeriod.FLAT, TariffPeriod.PEAK, TariffPeriod.VALLEY}) {
            assertThat(multiples.priceOf(p)).isEqualByComparingTo(absolutes.priceOf(p));
        }
        // 0.65 × 0.45 = 0.2925 exactly: 100 kWh of valley is 29.25 CNY either way.
        assertThat(TariffMoney.amountFen(cny("100"), multiples.priceOf(TariffPeriod.VALLEY)))
                .isEqualTo(2925);
    }

    @Test
    void keepsAMultipleOfAMultipleExact() {
        TouPrices prices = TariffFile.presets().get("large-industry-two-part").prices();
        // 0.55 × 1.6 = 0.88; 0.88 × 1.2 = 1.056; 0.55 × 0.45 = 0.2475.
        assertThat(prices.priceOf(TariffPeriod.PEAK)).isEqualByComparingTo("0.88");
        assertThat(prices.priceOf(TariffPeriod.CRITICAL_PEAK)).isEqualByComparingTo("1.056");
        assertThat(prices.priceOf(TariffPeriod.VALLEY)).isEqualByComparingTo("0.2475");
        assertThat(prices.approximateCnyPerKwh(TariffPeriod.CRITICAL_PEAK)).isEqualTo(1.056);
    }

    @Test
    void refusesMultiplesThatReferToEachOtherInACircle() {
        assertThatThrownBy(
                        () ->
                                new TouPrices(
                                        Map.of(
                                                TariffPeriod.PEAK,
                                                new PriceRule.Multiple(TariffPeriod.FLAT, cny("2")),
                                                TariffPeriod.FLAT,
                                                new PriceRule.Multiple(
                                                        TariffPeriod.PEAK, cny("0.5")))))
                .hasMessageContaining("circle");
    }
}
