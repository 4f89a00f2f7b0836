package org.gridwatch.core.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffFile;
import org.junit.jupiter.api.Test;

/**
 * A month's readings gathered in two parts and merged must be the month the same readings make
 * added to one usage, in any order ({@link MonthlyUsage#add}, tested on its own, is the reference).
 */
class MonthlyUsageMergeTest {

    private static final Tariff SHOP = TariffFile.presets().get("commercial-tou");
    private static final PeriodLookup LOOKUP =
            PeriodLookup.china(SHOP.schedule(), HolidayCalendar.china2026());
    private static final PeriodLookup PEAK_HOURS = LOOKUP;
    private static final YearMonth MARCH = YearMonth.of(2026, 3);

    /** A reading: its start, minutes, kWh and the register after it (NaN: none). */
    private record Read(long startMillis, int minutes, double kwh, double registerKwh) {}

    private static MonthlyUsage march() {
        return MonthlyUsage.of(MARCH, BillingCalendar.CHINA);
    }

    private static void addAll(MonthlyUsage usage, List<Read> reads) {
        for (Read r : reads) {
            assertThat(
                            usage.add(
                                    r.startMillis,
                                    r.minutes,
                                    r.kwh,
                                    r.registerKwh,
                                    LOOKUP,
                                    PEAK_HOURS))
                    .isTrue();
        }
    }

    /**
     * A month of one meter's readings at {@code minutes}, each missing with a chance of {@code
     * missing}, registers from {@code register0}, some readings without a register.
     */
    private static List<Read> month(Random random, int minutes, double missing, double register0) {
        List<Read> reads = new ArrayList<>();
        double register = register0;
        long start = MonthOfReadings.at("2026-03-01T00:00");
        long end = MonthOfReadings.at("2026-04-01T00:00");
        for (long t = start; t < end; t += minutes * 60_000L) {
            double kwh = Math.round(random.nextDouble() * 2_000) / 1_000.0;
            register += kwh;
            if (random.nextDouble() < missing) {
                continue;
            }
            double read = random.nextDouble() < 0.05 ? Double.NaN : register;
            reads.add(new Read(t, minutes, kwh, read));
        }
        return reads;
    }

    private static void assertSameMonth(MonthlyUsage merged, MonthlyUsage whole) {
        assertThat(merged.microKwh).containsExactly(whole.microKwh);
        for (int slot = 0; slot < LoadProfile.SLOTS; slot++) {
            assertThat(merged.slotMicroKwh(slot)).isEqualTo(whole.slotMicroKwh(slot));
            assertThat(merged.slotQuarters(slot)).isEqualTo(whole.slotQuarters(slot));
        }
        assertThat(merged.maxQuarterMicroKwh).isEqualTo(whole.maxQuarterMicroKwh);
        assertThat(merged.peakHoursMicroKwh).isEqualTo(whole.peakHoursMicroKwh);
        assertThat(merged.latestEndMillis).isEqualTo(whole.latestEndMillis);
        assertThat(merged.readingCount).isEqualTo(whole.readingCount);
        assertThat(merged.quarterCount).isEqualTo(whole.quarterCount);
        ReadingGaps m = merged.readings;
        ReadingGaps w = whole.readings;
        assertThat(new long[] {m.first, m.end, m.firstRegister, m.lastRegister, m.count})
                .containsExactly(w.first, w.end, w.firstRegister, w.lastRegister, w.count);
        for (int i = 0; i < w.count; i++) {
            assertThat(new long[] {m.from[i], m.to[i], m.registerBefore[i], m.registerAfter[i]})
                    .as("gap %d", i)
                    .containsExactly(w.from[i], w.to[i], w.registerBefore[i], w.registerAfter[i]);
        }
        assertThat(m.backwards).isEqualTo(w.backwards);
        assertThat(m.overflow).isEqualTo(w.overflow);
    }

    /** {@code into} and {@code other} added apart, {@code other} merged into the first. */
    private static void assertMergedIsWhole(List<Read> all, List<Read> into, List<Read> other) {
        MonthlyUsage whole = march();
        addAll(whole, all);
        MonthlyUsage merged = march();
        addAll(merged, into);
        MonthlyUsage part = march();
        addAll(part, other);

        assertThat(merged.merge(part)).isTrue();

        assertThat(whole.readings.overflow).isFalse();
        assertSameMonth(merged, whole);
    }

    @Test
    void aMonthSplitAtAMeterExchangeMergesIntoTheMonthOfAllItsReadings() {
        for (int seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            // The old meter until a random quarter hour, the new one (another register) after.
            List<Read> old = month(random, 15, 0.01, 8_000);
            List<Read> replacement = month(random, seed % 2 == 0 ? 15 : 60, 0.01, 12);
            long exchange =
                    MonthOfReadings.at("2026-03-01T00:00") + random.nextInt(31 * 24) * 3_600_000L;
            List<Read> a = new ArrayList<>();
            List<Read> b = new ArrayList<>();
            for (Read r : old) {
                if (r.startMillis + r.minutes * 60_000L <= exchange) {
                    a.add(r);
                }
            }
            for (Read r : replacement) {
                if (r.startMillis >= exchange) {
                    b.add(r);
                }
            }
            // In time order, as a meter's readings come: shuffled, a month of them would leave
            // more separate gaps on the way than ReadingGaps lists (MAX_GAPS).
            List<Read> all = new ArrayList<>(a);
            all.addAll(b);
            assertMergedIsWhole(all, a, b);
        }
    }

    @Test
    void stretchesDealtAtRandomToTwoPartsMergeIntoTheMonthOfAllOfThem() {
        // A harder case for the gaps than one exchange: each part is stretches and holes (runs of
        // 1 to 300 readings, up to about 40 of them a part, within what ReadingGaps lists).
        for (int seed = 1; seed <= 40; seed++) {
            Random random = new Random(1_000 + seed);
            List<Read> reads = month(random, 15, 0.003, 500);
            List<Read> a = new ArrayList<>();
            List<Read> b = new ArrayList<>();
            List<Read> part = a;
            int left = 0;
            for (Read r : reads) {
                if (left-- <= 0) {
                    part = random.nextBoolean() ? a : b;
                    left = 1 + random.nextInt(random.nextBoolean() ? 3 : 300);
                }
                part.add(r);
            }
            assertMergedIsWhole(reads, b, a);
        }
    }

    @Test
    void twoPartsThatShareAQuarterHourDoNotMergeAndNothingChanges() {
        MonthlyUsage first = march();
        first.add(MonthOfReadings.at("2026-03-10T10:00"), 60, 1.0, 101.0, LOOKUP, PEAK_HOURS);
        MonthlyUsage second = march();
        second.add(MonthOfReadings.at("2026-03-10T10:30"), 15, 0.5, 7.0, LOOKUP, PEAK_HOURS);
        long total = first.totalMicroKwh();

        assertThat(first.merge(second)).isFalse();

        assertThat(first.totalMicroKwh()).isEqualTo(total);
        assertThat(first.readingCount).isEqualTo(1);
        assertThat(first.readings.end - first.readings.first).isEqualTo(4);
    }

    @Test
    void anotherMonthIsRefused() {
        MonthlyUsage april = MonthlyUsage.of(YearMonth.of(2026, 4), BillingCalendar.CHINA);

        assertThatThrownBy(() -> march().merge(april))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("202604");
    }
}
