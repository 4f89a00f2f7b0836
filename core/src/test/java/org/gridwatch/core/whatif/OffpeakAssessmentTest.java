package org.gridwatch.core.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.LoadProfile;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.OffpeakOffer;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.core.tariff.TariffFile;
import org.junit.jupiter.api.Test;

/** The off-peak offer priced from a customer's load profile, against hand-worked bills. */
class OffpeakAssessmentTest {

    private static final LoadedTariffs PRESETS = TariffFile.presets();
    private final OffpeakAssessment assessment =
            new OffpeakAssessment(HolidayCalendar.china2026(), BillingCalendar.CHINA);

    @Test
    void aSteadyHouseholdSavesOnTheOffPeakVariantAndMoreIfItShifts() {
        // 100 Wh every quarter hour, every day of 2026: 9.6 kWh a day, 3,504 kWh a year.
        // residential-tiered: each month 9.6 × days kWh × 0.5283, rounded per month: 1,851.15 CNY.
        // residential-tiered-offpeak: peak 08–22 5.6 × days × 0.5583 and valley 22–08 4 × days ×
        // 0.3583, rounded per line and month: 1,664.28. The tiers (1,344 kWh above 2,160 at 0.05 =
        // 67.20, spread over August–December) are the same on both. Saving: 186.87 CNY a year.
        int[] profile = new int[LoadProfile.SLOTS];
        Arrays.fill(profile, 100);
        OffpeakOffer offer = assess(profile);
        assertEquals("residential-tiered-offpeak", offer.tariffId());
        assertEquals(186.87, offer.savingCnyPerYear(), 1e-9);
        assertTrue(
                offer.savingWithShiftCnyPerYear() > offer.savingCnyPerYear(),
                "moving some use to the cheaper valley saves more: " + offer);
        assertTrue(offer.worthOffering());
    }

    @Test
    void aDaytimeOnlyLoadWouldPayMoreAndHasNothingToShiftIntoTheValley() {
        // 200 Wh a quarter hour from 08 to 22, none at night: everything lands in the variant's
        // peak at 0.5583 > 0.5283, so it costs more (about 0.03 × 4,088 kWh ≈ 123 CNY a year), and
        // a valley with no use gets no share under substitution: no offer.
        int[] profile = new int[LoadProfile.SLOTS];
        for (int slot = 0; slot < LoadProfile.SLOTS; slot++) {
            int hour = slot % LoadProfile.HOURS;
            profile[slot] = hour >= 8 && hour < 22 ? 200 : 0;
        }
        OffpeakOffer offer = assess(profile);
        assertTrue(offer.savingCnyPerYear() < -100, offer.toString());
        assertTrue(offer.savingWithShiftCnyPerYear() < 0, offer.toString());
        assertFalse(offer.worthOffering());
    }

    @Test
    void nothingReadYetOrNoVariantMeansNoOffer() {
        assertEquals(OffpeakOffer.NONE, assess(LoadProfile.unknown()));
        int[] profile = new int[LoadProfile.SLOTS];
        Arrays.fill(profile, 100);
        assertEquals(
                OffpeakOffer.NONE,
                assessment.assess(
                        "C1",
                        CustomerClass.COMMERCIAL,
                        profile,
                        PRESETS.get("commercial-tou"),
                        null,
                        Double.NaN,
                        2026));
    }

    private OffpeakOffer assess(int[] profile) {
        return assessment.assess(
                "C1",
                CustomerClass.RESIDENTIAL,
                profile,
                PRESETS.get("residential-tiered"),
                PRESETS.get("residential-tiered-offpeak"),
                Double.NaN,
                2026);
    }
}
