package org.gridwatch.core.billing;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the ledger costs per reading (on every record) and per bill (once a month per customer). Run
 * like {@code PricingBenchmark}, see docs/tariffs.md ("Speed").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BillingBenchmark {

    private static final int READINGS = 4096;

    private final Tariff tariff = TariffFile.presets().get("large-industry-two-part");
    private final PeriodLookup lookup =
            PeriodLookup.china(tariff.schedule(), HolidayCalendar.china2026());
    private final BillCalculator calculator = new BillCalculator(BillingCalendar.CHINA);
    private final MonthlyUsage usage =
            MonthlyUsage.of(YearMonth.of(2026, 7), BillingCalendar.CHINA);
    private final long[] startMillis = new long[READINGS];
    private final double[] kwh = new double[READINGS];
    private final int[] minutes = new int[READINGS];
    private int next;

    public BillingBenchmark() {
        long from =
                LocalDateTime.parse("2026-07-01T00:00")
                        .toInstant(ZoneOffset.ofHours(8))
                        .toEpochMilli();
        SplittableRandom random = new SplittableRandom(7);
        int[] intervals = {15, 30, 60};
        for (int i = 0; i < READINGS; i++) {
            minutes[i] = intervals[random.nextInt(3)];
            startMillis[i] = from + random.nextLong(30L * 24) * 3_600_000L;
            kwh[i] = Math.round(random.nextDouble(0.0, 50.0) * 1000) / 1000.0;
        }
        for (int i = 0; i < READINGS; i++) {
            usage.add(startMillis[i], minutes[i], kwh[i], lookup);
        }
    }

    /** Adding one 15-, 30- or 60-minute reading to a month (split into quarter hours). */
    @Benchmark
    public boolean addOneReading() {
        int i = next++ & (READINGS - 1);
        return usage.add(startMillis[i], minutes[i], kwh[i], lookup);
    }

    /** A July large-industry bill with all its lines (BigDecimal, once a month a customer). */
    @Benchmark
    public BillStatement billOneMonth() {
        return calculator.bill("C1", tariff, usage, 315, BigDecimal.ZERO);
    }
}
