package org.gridwatch.core.tariff;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * What pricing one reading costs (issue 3 asks for well under 1 µs). Run, after {@code mvn -o -q -B
 * install -pl core}, with the command in docs/tariffs.md ("Speed").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PricingBenchmark {

    private static final int READINGS = 4096;

    private final PeriodLookup lookup;
    private final Tariff tariff;
    private final long[] startMillis = new long[READINGS];
    private final double[] kwh = new double[READINGS];
    private int next;

    public PricingBenchmark() {
        tariff = TariffFile.presets().get("large-industry-two-part");
        lookup = PeriodLookup.china(tariff.schedule(), HolidayCalendar.china2026());
        long from =
                LocalDateTime.parse("2026-01-01T00:00")
                        .toInstant(ZoneOffset.ofHours(8))
                        .toEpochMilli();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < READINGS; i++) {
            // Random 15-minute interval starts over the year, so the calendar and month vary.
            startMillis[i] = from + random.nextLong(365L * 96) * 900_000L;
            kwh[i] = Math.round(random.nextDouble(0.0, 50.0) * 1000) / 1000.0;
        }
    }

    /** The period of one reading: the call billing, what-if and the simulator share. */
    @Benchmark
    public TariffPeriod periodOfOneReading() {
        int i = next++ & (READINGS - 1);
        return lookup.periodAt(startMillis[i]);
    }

    /** Period plus the live revenue estimate the dashboards use. */
    @Benchmark
    public double liveRevenueOfOneReading() {
        int i = next++ & (READINGS - 1);
        TariffPeriod period = lookup.periodAt(startMillis[i]);
        return kwh[i] * tariff.prices().approximateCnyPerKwh(period);
    }

    /** Period plus an exact line amount in fen (BigDecimal, so it allocates). */
    @Benchmark
    public long exactFenOfOneReading() {
        int i = next++ & (READINGS - 1);
        TariffPeriod period = lookup.periodAt(startMillis[i]);
        return TariffMoney.amountFen(kwh[i], tariff.priceOf(period));
    }
}
