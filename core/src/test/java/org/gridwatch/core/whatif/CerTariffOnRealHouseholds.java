package org.gridwatch.core.whatif;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.detect.Households;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.core.tariff.TariffFile;

/**
 * The default response model on real households: the 35 SGSC households' year (test resource
 * households/), today on a flat residential price, under the Irish CER trial's tariff A (night
 * 23–08 at 12 c, peak 17–19 at 20 c, day 14 c, against a flat 14.1 c; here scaled to 0.5283 CNY),
 * with {@code response: default}. Prints the change in peak (17–19) and total energy, to set
 * against the trial's peak −8.8% and total −2.5% (docs/whatif.md).
 *
 * <pre>
 * ./mvnw -q -o -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes:$(cat /tmp/core-cp.txt) \
 *     org.gridwatch.core.whatif.CerTariffOnRealHouseholds
 * </pre>
 */
public final class CerTariffOnRealHouseholds {

    static final String SCENARIO =
            """
            scenarios:
              - name: cer
                classes: [RESIDENTIAL]
                tariff:
                  id: cer-tou
                  source: "Irish CER trial tariff A, scaled to a 0.5283 flat price"
                  sector: residential
                  days: {normal: ["00:00-08:00 valley", "08:00-17:00 flat", "17:00-19:00 peak", "19:00-23:00 flat", "23:00-24:00 valley"]}
                  schedule: [{months: all, day-types: all, day: normal}]
                  prices: {flat: 0.5283, peak: 0.7547, valley: 0.4528}
                response: default
            """;

    static final String TODAY =
            """
            tariffs:
              - id: flat
                source: "a flat residential price without tiers (the CER control group's flat tariff)"
                sector: residential
                days: {all: ["00:00-24:00 flat"]}
                schedule: [{months: all, day-types: all, day: all}]
                prices: {flat: 0.5283}
            """;

    /** The fleet's totals: [kWh before, kWh after, peak kWh before, peak kWh after]. */
    static double[] measure() {
        Households households = Households.load();
        LoadedTariffs today = TariffFile.load(new StringReader(TODAY), "today.yaml");
        ScenarioFile.Scenarios scenarios =
                ScenarioFile.load(new StringReader(SCENARIO), "cer.yaml");
        HolidayCalendar calendar = HolidayCalendar.weekdaysOnly();
        WhatIfPricing pricing =
                new WhatIfPricing(today, scenarios.scenarios(), BillingCalendar.CHINA, calendar);
        ZoneOffset zone = ZoneOffset.ofHours(8);
        double[] totals = new double[4];
        for (int h = 0; h < households.ids.size(); h++) {
            LoadSignature signature = new LoadSignature();
            signature.customerId = households.ids.get(h);
            signature.customerClass = "RESIDENTIAL";
            signature.tariffId = "flat";
            double[][] year = households.years.get(h);
            for (int d = 0; d < Households.DAYS; d++) {
                LocalDate date = LocalDate.ofYearDay(Households.YEAR, d + 1);
                long midnight = date.atStartOfDay().toInstant(zone).toEpochMilli();
                for (int s = 0; s < Households.SLOTS; s++) {
                    if (!Double.isNaN(year[d][s])) {
                        signature.add(midnight + s * 1_800_000L, 30, year[d][s], calendar, zone);
                    }
                }
            }
            List<CustomerOutcome> outcomes = pricing.price(signature.seal());
            CustomerOutcome cer = outcomes.get(0);
            totals[0] += cer.kwhBeforeMicro() / 1e6;
            totals[1] += cer.kwhAfterMicro() / 1e6;
            totals[2] += cer.peakBeforeMicroKwh() / 1e6;
            totals[3] += cer.peakAfterMicroKwh() / 1e6;
        }
        return totals;
    }

    public static void main(String[] args) {
        double[] t = measure();
        System.out.printf(
                "35 households, 2013: total %.0f → %.0f kWh (%+.2f%%), peak 17–19 %.0f → %.0f kWh"
                        + " (%+.2f%%)%n",
                t[0], t[1], 100 * (t[1] / t[0] - 1), t[2], t[3], 100 * (t[3] / t[2] - 1));
    }
}
