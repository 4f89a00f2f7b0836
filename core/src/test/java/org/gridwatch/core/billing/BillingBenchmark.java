package org.gridwatch.core.billing;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    private final Tariff tariff = TariffFile.presets().get("large-industry-two-part");
    private final PeriodLookup lookup =
            PeriodLookup.china(tariff.schedule(), HolidayCalendar.china2026());
    private final BillCalculator calculator = new BillCalculator(BillingCalendar.CHINA);
    private static final YearMonth JULY = YearMonth.of(2026, 7);

    /**
     * July of one meter: 15-, 30- and 60-minute readings in turn, in time order, with the register
     * after each; one in 200 lost (ten times the simulator's default), so the month has gaps.
     */
    private final List<long[]> sent = new ArrayList<>();

    private final List<Double> sentKwh = new ArrayList<>();
    private final List<Double> sentRegister = new ArrayList<>();
    private MonthlyUsage usage;
    private final MonthlyUsage july;
    private int next;

    public BillingBenchmark() {
        long from =
                LocalDateTime.parse("2026-07-01T00:00")
                        .toInstant(ZoneOffset.ofHours(8))
                        .toEpochMilli();
        long to = from + 31L * 24 * 3_600_000L;
        SplittableRandom random = new SplittableRandom(7);
        int[] intervals = {15, 30, 60};
        double register = 10_000;
        int i = 0;
        for (long start = from; start < to; i++) {
            int minutes = intervals[i % 3];
            double kwh = Math.round(random.nextDouble(0.0, 50.0) * 1000) / 1000.0;
            register = Math.round((register + kwh) * 1000) / 1000.0;
            if (random.nextInt(200) != 0) {
                sent.add(new long[] {start, minutes});
                sentKwh.add(kwh);
                sentRegister.add(register);
            }
            start += minutes * 60_000L;
        }
        usage = month();
        july = month();
    }

    private MonthlyUsage month() {
        MonthlyUsage month = MonthlyUsage.of(JULY, BillingCalendar.CHINA);
        for (int i = 0; i < sent.size(); i++) {
            add(month, i);
        }
        return month;
    }

    private boolean add(MonthlyUsage month, int i) {
        long[] r = sent.get(i);
        return month.add(r[0], (int) r[1], sentKwh.get(i), sentRegister.get(i), lookup, null);
    }

    /** Adding one reading to its month (split into quarter hours, its gap noted). */
    @Benchmark
    public boolean addOneReading() {
        if (next == sent.size()) {
            usage = MonthlyUsage.of(JULY, BillingCalendar.CHINA);
            next = 0;
        }
        return add(usage, next++);
    }

    /** A July large-industry bill with all its lines (BigDecimal, once a month a customer). */
    @Benchmark
    public BillStatement billOneMonth() {
        return calculator.bill("C1", tariff, july, 315, BigDecimal.ZERO);
    }

    /**
     * A customer's whole month: every reading added, the month settled (its gaps filled from the
     * register by the profile) and billed.
     */
    @Benchmark
    public BillStatement readSettleAndBillOneMonth() {
        MonthlyUsage month = month();
        MonthSettlement.settle(month, null, new ReadingHistory(), lookup, null);
        return calculator.bill("C1", tariff, month, 315, BigDecimal.ZERO);
    }
}
