package org.gridwatch.core.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.gridwatch.core.billing.BillCalculator;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffFile;
import org.junit.jupiter.api.Test;

/**
 * The signature path against the second method, a full replay of the raw readings through billing
 * ({@link MonthlyUsage} and {@link BillCalculator}, as the monitor bills): for random tariffs whose
 * periods change on half hours (day types, months, tiers, charges) and random histories (15, 30 and
 * 60 minute readings, duplicates, gaps, holidays), every month's bill is the same to the fen.
 */
class SignatureBillsPropertyTest {

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final HolidayCalendar HOLIDAYS = HolidayCalendar.china2026();
    private static final BillingCalendar BILLING = BillingCalendar.CHINA;
    private static final String[] PERIODS = {
        "critical-peak", "peak", "flat", "valley", "deep-valley"
    };

    private record Reading(long startMillis, int minutes, double kwh) {}

    @Test
    void signatureBillsEqualAFullReplayOfTheReadingsForRandomTariffs() {
        Random random = new Random(20261201);
        int compared = 0;
        for (int trial = 0; trial < 200; trial++) {
            Tariff tariff = randomTariff(random, trial);
            List<Reading> readings = randomHistory(random);
            double contractKva = random.nextBoolean() ? Double.NaN : 50 + random.nextInt(400);

            LoadSignature signature = new LoadSignature();
            signature.customerId = "C" + trial;
            for (Reading r : readings) {
                signature.add(r.startMillis, r.minutes, r.kwh, HOLIDAYS, CHINA);
            }
            signature.seal();
            BillStatement[] viaSignature =
                    new SignatureBills(BILLING)
                            .bills("C" + trial, tariff, signature.months, contractKva);

            List<BillStatement> viaReplay = replay(tariff, readings, contractKva, "C" + trial);
            assertEquals(viaReplay.size(), viaSignature.length, "months of trial " + trial);
            for (int m = 0; m < viaSignature.length; m++) {
                assertEquals(
                        viaReplay.get(m).amountFen(),
                        viaSignature[m].amountFen(),
                        "trial " + trial + ", month " + viaReplay.get(m).period());
                compared++;
            }
        }
        assertEquals(true, compared >= 400, "bills compared: " + compared);
    }

    /**
     * The monitor's way: one MonthlyUsage per month, every reading added once (the monitor's
     * admission drops a second delivery before billing), then billed.
     */
    private static List<BillStatement> replay(
            Tariff tariff, List<Reading> readings, double contractKva, String customer) {
        PeriodLookup lookup = PeriodLookup.china(tariff.schedule(), HOLIDAYS);
        java.util.TreeMap<YearMonth, MonthlyUsage> months = new java.util.TreeMap<>();
        for (Reading r : new java.util.LinkedHashSet<>(readings)) {
            MonthlyUsage usage =
                    months.computeIfAbsent(
                            BILLING.monthOf(r.startMillis), m -> MonthlyUsage.of(m, BILLING));
            usage.add(r.startMillis, r.minutes, r.kwh, lookup);
        }
        BillCalculator calculator = new BillCalculator(BILLING);
        List<BillStatement> bills = new ArrayList<>();
        BigDecimal earlier = BigDecimal.ZERO;
        int year = 0;
        for (MonthlyUsage usage : months.values()) {
            if (usage.month().getYear() != year) {
                year = usage.month().getYear();
                earlier = BigDecimal.ZERO;
            }
            bills.add(calculator.bill(customer, tariff, usage, contractKva, earlier));
            earlier = earlier.add(usage.totalKwh());
        }
        return bills;
    }

    private static List<Reading> randomHistory(Random random) {
        int minutes = new int[] {15, 30, 60}[random.nextInt(3)];
        // Start somewhere in 2026 (the shipped calendar's holidays), run 20 to 80 days.
        LocalDateTime start =
                LocalDateTime.of(2026, 1 + random.nextInt(11), 1 + random.nextInt(28), 0, 0);
        int days = 20 + random.nextInt(60);
        long first = start.toInstant(CHINA).toEpochMilli();
        long step = minutes * 60_000L;
        int count = days * 1440 / minutes;
        double base = 0.05 + random.nextDouble() * 20;
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (random.nextDouble() < 0.03) {
                continue; // a missing reading
            }
            double kwh = Math.round(base * random.nextDouble() * 1000) / 1000.0;
            Reading r = new Reading(first + i * step, minutes, kwh);
            readings.add(r);
            if (random.nextDouble() < 0.02) {
                readings.add(r); // delivered twice
            }
        }
        java.util.Collections.shuffle(readings, random);
        return readings;
    }

    /** A tariff with random half-hour boundaries, periods, prices, tiers and charges. */
    private static Tariff randomTariff(Random random, int trial) {
        StringBuilder y = new StringBuilder("tariffs:\n  - id: t" + trial + "\n");
        y.append("    source: random test tariff\n");
        y.append(
                "    sector: "
                        + (random.nextBoolean() ? "residential" : "industry-and-commerce")
                        + "\n");
        y.append("    days:\n");
        y.append("      a: ").append(randomDay(random)).append('\n');
        y.append("      b: ").append(randomDay(random)).append('\n');
        y.append("    schedule:\n");
        y.append("      - {months: all, day-types: all, day: a}\n");
        y.append("      - {months: [").append(1 + random.nextInt(12)).append(", ");
        y.append(1 + random.nextInt(12)).append("], day-types: all, day: b}\n");
        y.append("      - {months: all, day-types: [")
                .append(random.nextBoolean() ? "weekend" : "holiday")
                .append("], day: b}\n");
        y.append("    prices: {");
        for (int p = 0; p < PERIODS.length; p++) {
            y.append(p == 0 ? "" : ", ")
                    .append(PERIODS[p])
                    .append(": ")
                    .append(String.format(Locale.ROOT, "%.4f", 0.1 + random.nextDouble()));
        }
        y.append("}\n");
        if (random.nextBoolean()) {
            y.append("    tiers: {basis: ")
                    .append(random.nextBoolean() ? "annual" : "monthly")
                    .append(", steps: [{up-to-kwh: ")
                    .append(50 + random.nextInt(500))
                    .append(", add: 0}, {up-to-kwh: 2000, add: 0.05}, {add: 0.3}]}\n");
        }
        if (random.nextBoolean()) {
            y.append("    charges: {fixed-monthly: 5.5, minimum-monthly: ")
                    .append(random.nextInt(300))
                    .append(", capacity-per-kva: 28, demand-per-kw: 38}\n");
        }
        return TariffFile.load(new StringReader(y.toString()), "random.yaml")
                .tariffs()
                .values()
                .iterator()
                .next();
    }

    private static String randomDay(Random random) {
        List<String> segments = new ArrayList<>();
        int from = 0;
        while (from < 48) {
            int to = Math.min(48, from + 1 + random.nextInt(12));
            segments.add(
                    "\""
                            + time(from)
                            + "-"
                            + time(to)
                            + " "
                            + PERIODS[random.nextInt(PERIODS.length)]
                            + "\"");
            from = to;
        }
        return "[" + String.join(", ", segments) + "]";
    }

    private static String time(int halfHour) {
        return String.format(Locale.ROOT, "%02d:%02d", halfHour / 2, halfHour % 2 * 30);
    }
}
