package org.gridwatch.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffFile;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed months through {@link MonthSettlement} and {@link BillCalculator}: each case of
 * docs/tariffs.md#how-a-months-energy-is-measured, its arithmetic in a comment.
 *
 * <p>The shop is on {@code commercial-tou} (Shanxi: valley 00–07 and 11–13, flat 07–08, 13–17 and
 * 23–24, peak 08–11 and 17–23, every day; flat 0.65, peak 1.04, valley 0.2925). At 0.5 kWh every
 * quarter hour a day is peak 36 × 0.5 = 18.0, flat 24 × 0.5 = 12.0, valley 36 × 0.5 = 18.0 kWh;
 * March 2026 (31 days) peak 558, flat 372, valley 558, 1488 kWh in all.
 */
class MonthSettlementTest {

    private static final Tariff SHOP = TariffFile.presets().get("commercial-tou");

    private static final Tariff FLAT =
            tariff(
                    """
                    tariffs:
                      - id: flat
                        source: "test"
                        sector: residential
                        days: {every-day: ["00:00-24:00 flat"]}
                        schedule: [{months: all, day-types: all, day: every-day}]
                        prices: {flat: 0.5000}
                    """,
                    "flat");

    private static final Tariff FLAT_WITH_CHARGES =
            tariff(
                    """
                    tariffs:
                      - id: flat-with-charges
                        source: "test"
                        sector: residential
                        days: {every-day: ["00:00-24:00 flat"]}
                        schedule: [{months: all, day-types: all, day: every-day}]
                        prices: {flat: 0.5000}
                        charges: {fixed-monthly: 5, minimum-monthly: 20}
                    """,
                    "flat-with-charges");

    private static Tariff tariff(String yaml, String id) {
        return TariffFile.load(new StringReader(yaml), "test.yaml").get(id);
    }

    /** A settled month's bill and what it carries into the next month. */
    private record Billed(BillStatement bill, ReadingHistory history) {
        Map<String, Double> kwh() {
            return bill.toBill().kwhByPeriod();
        }

        double estimatedKwh() {
            return bill.toBill().estimatedKwh();
        }

        /** The shop's bill: kWh by period and estimated as the bill shows them, and its amount. */
        void assertShopBill(
                double peak, double flat, double valley, double estimated, long amountFen) {
            assertThat(kwh())
                    .containsExactly(
                            Map.entry("PEAK", peak),
                            Map.entry("FLAT", flat),
                            Map.entry("VALLEY", valley));
            assertThat(estimatedKwh()).isEqualTo(estimated);
            assertThat(bill.amountFen()).isEqualTo(amountFen);
        }
    }

    private static Billed bill(
            Tariff tariff, Meter meter, MonthlyUsage month, MonthlyUsage next, ReadingHistory h) {
        ReadingHistory after = MonthSettlement.settle(month, next, h, meter.lookup(), null);
        BillStatement bill =
                MonthOfReadings.CALCULATOR.bill("C1", tariff, month, Double.NaN, BigDecimal.ZERO);
        return new Billed(bill, after);
    }

    private static Billed firstBill(Tariff tariff, Meter meter, String month, String next) {
        MonthlyUsage following = next == null ? null : meter.month(next);
        return bill(tariff, meter, meter.month(month), following, new ReadingHistory());
    }

    @Test
    void aGapBetweenTwoRegisterReadsIsBilledWithWhatTheRegisterCounted() {
        // Three readings of 2.0 kWh each (Tuesday 10 March, 09:00–09:45, peak) never came; the
        // register counted them. Own profile at that hour: 0.5 kWh, which would have said 1.5.
        Meter meter =
                Meter.withRegister(SHOP, 10_000)
                        .read("2026-03-01T00:00", "2026-03-10T09:00", 15, 0.5)
                        .lose("2026-03-10T09:00", "2026-03-10T09:45", 15, 2.0)
                        .read("2026-03-10T09:45", "2026-04-01T00:00", 15, 0.5);

        Billed march = firstBill(SHOP, meter, "2026-03", null);

        // Register after the gap − before it = 3 × 2.0 = 6.0 kWh, all peak.
        // peak 558 − 3 × 0.5 (not metered) + 6.0 = 562.5; flat 372; valley 558.
        // 562.5 × 1.04 = 585.00; 372 × 0.65 = 241.80; 558 × 0.2925 = 163.215 → 163.22 (half up)
        march.assertShopBill(562.5, 372.0, 558.0, 6.0, 58_500 + 24_180 + 16_322);
        // The closing read is the register at the month's last reading: 10 000 + 1 492.5.
        assertThat(march.history().openingMicroKwh).isEqualTo(11_492_500_000L);
        assertThat(march.history().openingEstimated).isFalse();
    }

    @Test
    void withoutARegisterAMissingHourIsEstimatedAtTheCustomersOwnLevelForThatHour() {
        // The shop of docs/tariffs.md, hourly readings without a register, misses Tuesday 10
        // March 09:00–10:00. On the other 21 workdays that hour was 14.5 kWh: its own level is
        // 14.5 / 4 = 3.625 kWh a quarter hour, so the hour is estimated at 4 × 3.625 = 14.5 kWh,
        // peak, and the bill is the full month's 5 857.11 CNY (tariffs.md, worked bill).
        MonthOfReadings shop = ShopMonth.march().without("2026-03-10T09:00");
        MonthlyUsage march = shop.usage();

        MonthSettlement.settle(march, null, new ReadingHistory(), shop.lookup(), null);
        BillStatement bill =
                MonthOfReadings.CALCULATOR.bill("C1", SHOP, march, Double.NaN, BigDecimal.ZERO);

        assertThat(bill.toBill().estimatedKwh()).isEqualTo(14.5);
        assertThat(bill.kwh(org.gridwatch.core.tariff.TariffPeriod.PEAK)).isEqualTo(4061.0);
        assertThat(bill.amountFen()).isEqualTo(585_711);
    }

    @Test
    void aNewCustomersGapAtAnHourItHasNoReadingsForIsEstimatedFlat() {
        // First read on Tuesday 31 March, no register. 10:00–11:00 (peak) never came, and the
        // customer has no reading at that hour to go by: flat, its average quarter hour so far.
        // Metered: 00–10 40 × 0.5 = 20, 11–17 24 × 0.5 = 12, 17–23 24 × 1.5 = 36, 23–24 4 × 0.5
        // = 2: 70 kWh in 92 quarter hours = 0.76087 → 761 Wh (whole Wh); 4 × 0.761 = 3.044 kWh.
        Meter meter =
                Meter.withoutRegister(SHOP)
                        .read("2026-03-31T00:00", "2026-03-31T10:00", 15, 0.5)
                        .lose("2026-03-31T10:00", "2026-03-31T11:00", 15, 9.9)
                        .read("2026-03-31T11:00", "2026-03-31T17:00", 15, 0.5)
                        .read("2026-03-31T17:00", "2026-03-31T23:00", 15, 1.5)
                        .read("2026-03-31T23:00", "2026-04-01T00:00", 15, 0.5);

        Billed march = firstBill(SHOP, meter, "2026-03", null);

        // Nothing before the first reading: 1–30 March are not estimated.
        // peak 08–10 8 × 0.5 + 17–23 36 + 3.044 = 43.044; flat 2 + 8 + 2 = 12; valley 14 + 4 = 18
        // 43.044 × 1.04 = 44.76576 → 44.77; 12 × 0.65 = 7.80; 18 × 0.2925 = 5.265 → 5.27
        march.assertShopBill(43.044, 12.0, 18.0, 3.044, 4_477 + 780 + 527);
        // The flat fill-in is not kept as the customer's level for that hour.
        assertThat(march.history().profileWh[10]).isEqualTo(LoadProfile.UNKNOWN);
        assertThat(march.history().profileWh[9]).isEqualTo(500);
    }

    @Test
    void aCustomerFirstReadOnThe20thIsBilledFromItsFirstReadingOnly() {
        // 12 days at 0.5 kWh a quarter hour: peak 12 × 18 = 216, flat 144, valley 216.
        Meter meter =
                Meter.withRegister(SHOP, 300).read("2026-03-20T00:00", "2026-04-01T00:00", 15, 0.5);

        Billed march = firstBill(SHOP, meter, "2026-03", null);

        // 216 × 1.04 = 224.64; 144 × 0.65 = 93.60; 216 × 0.2925 = 63.18
        march.assertShopBill(216.0, 144.0, 216.0, 0, 22_464 + 9_360 + 6_318);
        // Opened at the register before the first reading (300), closed at 300 + 576.
        assertThat(march.history().openingMicroKwh).isEqualTo(876_000_000L);
    }

    /** A customer billed for February whose register stood at 5 000 kWh at its end. */
    private static ReadingHistory billedFebruary(int workdayWh, int otherDayWh) {
        ReadingHistory h = new ReadingHistory();
        h.billedMonth = 202602;
        h.started = true;
        h.openingMicroKwh = 5_000_000_000L;
        h.lastActualMicroKwh = 5_000_000_000L;
        for (int hour = 0; hour < LoadProfile.HOURS; hour++) {
            h.profileWh[hour] = workdayWh;
            h.profileWh[LoadProfile.HOURS + hour] = otherDayWh;
        }
        return h;
    }

    @Test
    void aMonthWithoutReadingsIsEstimatedFromTheProfileKeptAndStillBillsItsCharges() {
        // The meter went silent after February; its profile: 250 Wh a quarter hour on workdays,
        // 100 on other days. March 2026 has 22 workdays and 9 weekend days (1 March a Sunday):
        // 22 × 96 × 0.25 = 528.0 + 9 × 96 × 0.1 = 86.4 → 614.4 kWh.
        Meter meter = Meter.withRegister(FLAT_WITH_CHARGES, 0);
        MonthlyUsage march = meter.month("2026-03");

        Billed billed = bill(FLAT_WITH_CHARGES, meter, march, null, billedFebruary(250, 100));

        assertThat(billed.kwh()).containsExactly(Map.entry("FLAT", 614.4));
        assertThat(billed.estimatedKwh()).isEqualTo(614.4);
        // 614.4 × 0.50 = 307.20 + fixed 5.00 = 312.20, above the minimum of 20.00
        assertThat(billed.bill().amountFen()).isEqualTo(30_720 + 500);
        // An estimated closing read: April opens at 5 000 + 614.4 and trues it up.
        assertThat(billed.history().openingMicroKwh).isEqualTo(5_614_400_000L);
        assertThat(billed.history().openingEstimated).isTrue();
        assertThat(billed.history().lastActualMicroKwh).isEqualTo(5_000_000_000L);
    }

    @Test
    void aCustomerNeverReadIsBilledItsChargesAndNoEnergy() {
        Meter meter = Meter.withRegister(FLAT_WITH_CHARGES, 0);

        Billed march = firstBill(FLAT_WITH_CHARGES, meter, "2026-03", null);

        // 0 kWh; fixed 5.00, topped up to the minimum 20.00
        assertThat(march.kwh()).containsExactly(Map.entry("FLAT", 0.0));
        assertThat(march.bill().amountFen()).isEqualTo(2_000);
        assertThat(march.history().started).isFalse();
    }

    @Test
    void aRegisterThatRunsBackwardsIsNeverBilledNegativeTheIntervalsAndTheProfileAre() {
        // The meter is exchanged at noon on Sunday 15 March; the new one starts at 0. Readings
        // 11:00–13:00 never came: the register "difference" across them is negative (2.0 −
        // 8 000-odd), so those 8 quarter hours are estimated at the shop's own Sunday level, 0.5
        // kWh: 4.0 kWh, valley. Intervals 1 488 − 4 + 4 = the full month, never negative.
        Meter meter =
                Meter.withRegister(SHOP, 8_000)
                        .read("2026-03-01T00:00", "2026-03-15T11:00", 15, 0.5)
                        .lose("2026-03-15T11:00", "2026-03-15T12:00", 15, 0.5)
                        .exchange(0)
                        .lose("2026-03-15T12:00", "2026-03-15T13:00", 15, 0.5)
                        .read("2026-03-15T13:00", "2026-04-01T00:00", 15, 0.5);

        Billed march = firstBill(SHOP, meter, "2026-03", null);

        // 558 × 1.04 = 580.32; 372 × 0.65 = 241.80; 558 × 0.2925 = 163.215 → 163.22
        march.assertShopBill(558.0, 372.0, 558.0, 4.0, 58_032 + 24_180 + 16_322);
        // April opens at the new meter: 2.0 + (16 days 11 hours = 1 580 quarter hours) × 0.5.
        assertThat(march.history().openingMicroKwh).isEqualTo(792_000_000L);
        assertThat(march.history().lastActualMicroKwh).isEqualTo(792_000_000L);
    }

    /** The shop's register counts readings lost across the end of March into 1 April. */
    private static Meter shopLosingTheMonthsEnd(
            Tariff tariff, double lateMarch, double earlyApril) {
        return Meter.withRegister(tariff, 1_000)
                .read("2026-03-01T00:00", "2026-03-31T22:00", 15, 0.5)
                .lose("2026-03-31T22:00", "2026-04-01T00:00", 15, lateMarch)
                .lose("2026-04-01T00:00", "2026-04-01T01:00", 15, earlyApril)
                .read("2026-04-01T01:00", "2026-05-01T00:00", 15, 0.5);
    }

    @Test
    void readingsMissingAtTheMonthsEndAreSharedWithTheNextMonthAndBothAddUpToTheRegister() {
        // Lost: 31 March 22:00–24:00, 8 × 0.25 = 2.0 kWh, and 1 April 00:00–01:00, 4 × 2.0 = 8.0.
        // When March is billed (a week into April) April's first reading is in: the register
        // says 10.0 kWh went through the 12 quarter hours. The profile is 0.5 kWh at each of
        // those hours, so March gets 8/12: 6.666667 kWh (22–23 peak 3.333334, 23–24 flat
        // 3.333333, the remainder to the first); the real 2.0 is not knowable.
        Meter meter = shopLosingTheMonthsEnd(SHOP, 0.25, 2.0);

        Billed march = firstBill(SHOP, meter, "2026-03", "2026-04");

        // peak 558 − 2 + 3.333334 = 559.333334; flat 372 − 2 + 3.333333 = 373.333333; valley 558
        // 559.333334 × 1.04 = 581.7067 → 581.71; 373.333333 × 0.65 = 242.6667 → 242.67; 163.22
        march.assertShopBill(559.333, 373.333, 558.0, 6.667, 58_171 + 24_267 + 16_322);
        // The closing read, interpolated: 1 000 + 1 484 metered + 6.666667.
        assertThat(march.history().openingMicroKwh).isEqualTo(2_490_666_667L);
        assertThat(march.history().openingEstimated).isTrue();

        Billed april = bill(SHOP, meter, meter.month("2026-04"), null, march.history());

        // April's first reading opens at 1 000 + 1 484 + 2 + 8 = 2 494: 2 494 − 2 490.666667 =
        // 3.333333 kWh for 00:00–01:00 (valley). Metered 30 × 48 − 4 × 0.5 = 1 438.
        // peak 30 × 18 = 540; flat 360; valley 540 − 2 + 3.333333 = 541.333333
        // 540 × 1.04 = 561.60; 360 × 0.65 = 234.00; 541.333333 × 0.2925 = 158.34
        april.assertShopBill(540.0, 360.0, 541.333, 3.333, 56_160 + 23_400 + 15_834);
        // Never twice, never lost: March + April = the register's advance, 3 932 − 1 000, and
        // the energy the customer used: (1 484 + 2) + (1 438 + 8).
        assertThat(march.bill().totalKwh().add(april.bill().totalKwh()))
                .isEqualByComparingTo("2932");
    }

    @Test
    void anEstimatedClosingReadThatWasTooHighIsTakenBackByTheNextMonthsRegister() {
        // The power was off from 31 March 22:00 to 1 April 01:00 and nothing was read. March is
        // billed before the meter reads again: its last 8 quarter hours are estimated at its own
        // level, 8 × 0.5 = 4.0 kWh. March: 1 484 + 4 = 1 488 kWh × 0.50 = 744.00.
        Meter meter = shopLosingTheMonthsEnd(FLAT, 0, 0);

        Billed march = firstBill(FLAT, meter, "2026-03", null);

        assertThat(march.kwh()).containsExactly(Map.entry("FLAT", 1488.0));
        assertThat(march.estimatedKwh()).isEqualTo(4.0);
        assertThat(march.bill().amountFen()).isEqualTo(74_400);

        Billed april = bill(FLAT, meter, meter.month("2026-04"), null, march.history());

        // April: closing 1 000 + 1 484 + 1 438 = 3 922 − opening 2 488 (estimated) = 1 434:
        // its 1 438 metered less the 4.0 March was estimated too high.
        assertThat(april.kwh()).containsExactly(Map.entry("FLAT", 1434.0));
        assertThat(april.estimatedKwh()).isEqualTo(-4.0);
        assertThat(april.bill().amountFen()).isEqualTo(71_700); // 1 434 × 0.50
    }

    @Test
    void anEstimateLargerThanTheNextMonthsUseBillsNothingAndCarriesTheRest() {
        // Silent in March (away: the register stood still at 1 000), estimated at its kept level
        // of 0.6 kWh a quarter hour: 2 976 × 0.6 = 1 785.6 kWh. April then uses 1 440 (30 × 48
        // × 0.5): less than was estimated. April bills 0; May's 1 488 less the 345.6 still
        // owed back bills 1 142.4.
        ReadingHistory february = billedFebruary(600, 600);
        february.openingMicroKwh = 1_000_000_000L;
        february.lastActualMicroKwh = 1_000_000_000L;
        Meter meter =
                Meter.withRegister(FLAT, 1_000)
                        .read("2026-04-01T00:00", "2026-06-01T00:00", 15, 0.5);

        Billed march = bill(FLAT, meter, meter.month("2026-03"), null, february);
        Billed april = bill(FLAT, meter, meter.month("2026-04"), null, march.history());
        Billed may = bill(FLAT, meter, meter.month("2026-05"), null, april.history());

        assertThat(march.kwh()).containsExactly(Map.entry("FLAT", 1785.6));
        assertThat(april.kwh()).containsExactly(Map.entry("FLAT", 0.0));
        assertThat(april.estimatedKwh()).isEqualTo(-1440.0);
        assertThat(may.kwh()).containsExactly(Map.entry("FLAT", 1142.4));
        assertThat(may.estimatedKwh()).isEqualTo(-345.6);
        // 1 785.6 + 0 + 1 142.4 = 2 928 = 1 440 + 1 488, what the customer used.
        assertThat(may.history().openingMicroKwh).isEqualTo(3_928_000_000L);
    }

    @Test
    void whenTheRegisterRunsAheadOfTheIntervalsTheRegisterWins() {
        // The register moved 3.0 kWh more than the intervals say (at midnight on the 16th):
        // March is 1 000 + 1 491 − 1 000 = 1 491 kWh, the 3.0 spread over the periods by energy.
        Meter meter =
                Meter.withRegister(FLAT, 1_000)
                        .read("2026-03-01T00:00", "2026-03-16T00:00", 15, 0.5)
                        .creep(3.0)
                        .read("2026-03-16T00:00", "2026-04-01T00:00", 15, 0.5);

        Billed march = firstBill(FLAT, meter, "2026-03", null);

        assertThat(march.kwh()).containsExactly(Map.entry("FLAT", 1491.0));
        assertThat(march.estimatedKwh()).isEqualTo(3.0);
        assertThat(march.bill().amountFen()).isEqualTo(74_550); // 1 491 × 0.50
    }

    @Test
    void whenTheRegisterFallsBehindTheIntervalsTheyAreBilledAsMeasured() {
        // 3.0 kWh less on the register than the intervals: where two readings meet, the later
        // starts below where the earlier ended, a register that ran backwards. The intervals
        // bill: 1 488 kWh, nothing estimated; April opens at the register as read, 2 485.
        Meter meter =
                Meter.withRegister(FLAT, 1_000)
                        .read("2026-03-01T00:00", "2026-03-16T00:00", 15, 0.5)
                        .creep(-3.0)
                        .read("2026-03-16T00:00", "2026-04-01T00:00", 15, 0.5);

        Billed march = firstBill(FLAT, meter, "2026-03", null);

        assertThat(march.kwh()).containsExactly(Map.entry("FLAT", 1488.0));
        assertThat(march.estimatedKwh()).isZero();
        assertThat(march.history().openingMicroKwh).isEqualTo(2_485_000_000L);
    }

    @Test
    void aMeterWithMoreGapsThanAreListedIsStillBilledItsRegisterDifference() {
        // One quarter hour in 40 lost (74 gaps, more than the 64 listed), each of 1.0 kWh where
        // the rest read 0.5: 2 902 × 0.5 + 74 × 1.0 = 1 525 kWh, by the register.
        Meter meter = Meter.withRegister(FLAT, 1_000);
        java.time.LocalDateTime t = java.time.LocalDateTime.parse("2026-03-01T00:00");
        for (int q = 0; q < 2976; q++, t = t.plusMinutes(15)) {
            if (q % 40 == 20) {
                meter.lose(t.toString(), t.plusMinutes(15).toString(), 15, 1.0);
            } else {
                meter.read(t.toString(), t.plusMinutes(15).toString(), 15, 0.5);
            }
        }
        MonthlyUsage march = meter.month("2026-03");
        assertThat(march.readings.overflow).isTrue();

        Billed billed = bill(FLAT, meter, march, null, new ReadingHistory());

        assertThat(billed.kwh()).containsExactly(Map.entry("FLAT", 1525.0));
        assertThat(billed.estimatedKwh()).isEqualTo(74.0);
    }

    @Test
    void theSettledBillDoesNotDependOnTheOrderReadingsArrive() {
        Meter meter = shopLosingTheMonthsEnd(SHOP, 0.25, 2.0);
        List<Meter.Read> shuffled = new ArrayList<>(meter.delivered());
        Collections.shuffle(shuffled, new Random(11));

        Billed inOrder = firstBill(SHOP, meter, "2026-03", "2026-04");
        Billed anyOrder =
                bill(
                        SHOP,
                        meter,
                        meter.month("2026-03", shuffled),
                        meter.month("2026-04", shuffled),
                        new ReadingHistory());

        assertThat(anyOrder.bill()).isEqualTo(inOrder.bill());
        assertThat(anyOrder.history()).usingRecursiveComparison().isEqualTo(inOrder.history());
        assertThat(Arrays.equals(anyOrder.history().profileWh, inOrder.history().profileWh))
                .isTrue();
    }
}
