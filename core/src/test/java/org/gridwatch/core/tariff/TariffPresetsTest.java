package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TariffPresetsTest {

    private final LoadedTariffs presets = TariffFile.presets();

    @Test
    void loadsEveryPresetWithoutErrorsAndWarnsOnlyOfTheSinglePriceForLighting() {
        assertThat(presets.tariffs()).hasSize(8);
        // non-residential lighting is industry and commerce at one price all day; every other
        // preset keeps the rules (the Shanxi 3.56:1 at the file's 38%, critical peak = peak × 1.2)
        assertThat(presets.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.tariffId()).isEqualTo("lighting-flat"))
                .extracting(TariffWarning::message)
                .asString()
                .startsWith("one period all day (flat) for an industry-and-commerce tariff");
        assertThat(presets.systemPeakValleyGap()).isEqualTo(0.38);
    }

    @Test
    void coversEveryTariffIdTheSimulatorAssigns() {
        // The ids of simulator ClassProfiles, one per customer class.
        assertThat(presets.tariffs())
                .containsKeys(
                        "residential-tiered",
                        "commercial-tou",
                        "general-industry-tou",
                        "large-industry-two-part",
                        "agriculture-flat",
                        "lighting-flat",
                        "non-industrial-tou");
    }

    @Test
    void citesASourceForEveryPreset() {
        for (Tariff tariff : presets.tariffs().values()) {
            assertThat(tariff.source()).as(tariff.id()).isNotBlank();
        }
        assertThat(presets.get("commercial-tou").source()).contains("晋发改商品发〔2021〕479号");
        assertThat(presets.get("residential-tiered").source()).contains("发改价格〔2011〕2617号");
    }

    @Test
    void pricesFlatTariffsTheSameAtEveryHour() {
        Tariff lighting = presets.get("lighting-flat");
        assertThat(lighting.schedule().periodsUsed()).containsExactly(TariffPeriod.FLAT);
        assertThat(lighting.priceOf(TariffPeriod.FLAT)).isEqualByComparingTo("0.70");
        assertThat(presets.get("agriculture-flat").schedule().periodsUsed())
                .containsExactly(TariffPeriod.FLAT);
    }

    @Test
    void givesOnlyLargeIndustryTheCriticalPeakAndTheBasicCharge() {
        for (Tariff tariff : presets.tariffs().values()) {
            boolean large = tariff.id().equals("large-industry-two-part");
            assertThat(tariff.schedule().uses(TariffPeriod.CRITICAL_PEAK))
                    .as(tariff.id())
                    .isEqualTo(large);
            assertThat(tariff.charges().isTwoPart()).as(tariff.id()).isEqualTo(large);
        }
    }

    @Test
    void tiersTheResidentialTariffsAnnually() {
        TierScheme tiers = presets.get("residential-tiered").tiers();
        assertThat(tiers.basis()).isEqualTo(TierScheme.Basis.ANNUAL);
        assertThat(tiers.tiers())
                .extracting(TierScheme.Tier::upToKwh)
                .containsExactly(2160L, 4200L, Long.MAX_VALUE);
        assertThat(presets.get("residential-tiered-offpeak").tiers()).isEqualTo(tiers);
    }
}
