package org.gridwatch.core.billing;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;

/**
 * A meter as a test tells it: consecutive readings with the register running on, some of which
 * never reach the job ({@link #lose}); the register counts them all, as a real meter does.
 */
final class Meter {

    /** One reading as sent: start, minutes, kWh, register after it (NaN when not sent). */
    record Read(long startMillis, int minutes, double kwh, double registerKwh) {}

    private final PeriodLookup lookup;
    private final boolean sendsRegister;
    private long registerMicroKwh;
    private final List<Read> delivered = new ArrayList<>();

    private Meter(Tariff tariff, double registerKwh, boolean sendsRegister) {
        this.lookup = PeriodLookup.china(tariff.schedule(), HolidayCalendar.china2026());
        this.registerMicroKwh = Bucket.microKwh(registerKwh);
        this.sendsRegister = sendsRegister;
    }

    /** A meter whose register stands at {@code registerKwh} before its first reading here. */
    static Meter withRegister(Tariff tariff, double registerKwh) {
        return new Meter(tariff, registerKwh, true);
    }

    /** A meter that sends interval kWh only. */
    static Meter withoutRegister(Tariff tariff) {
        return new Meter(tariff, 0, false);
    }

    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    /** Readings of {@code minutes} and {@code kwh} each, from {@code from} up to {@code to}. */
    Meter read(String from, String to, int minutes, double kwh) {
        return run(from, to, minutes, kwh, true);
    }

    /** Readings the meter made (its register counts them) that never reach the job. */
    Meter lose(String from, String to, int minutes, double kwh) {
        return run(from, to, minutes, kwh, false);
    }

    /** The register from now on restarts at {@code registerKwh}: a new meter, or a reset. */
    Meter exchange(double registerKwh) {
        registerMicroKwh = Bucket.microKwh(registerKwh);
        return this;
    }

    /**
     * The register moves by {@code kwh} between two readings with no interval to show for it: a
     * register running ahead of (positive) or behind (negative) the interval channel.
     */
    Meter creep(double kwh) {
        registerMicroKwh += Bucket.microKwh(kwh);
        return this;
    }

    private Meter run(String from, String to, int minutes, double kwh, boolean send) {
        long step = minutes * 60_000L;
        for (long start = at(from); start < at(to); start += step) {
            registerMicroKwh += Bucket.microKwh(kwh);
            if (send) {
                double register = sendsRegister ? registerMicroKwh / 1e6 : Double.NaN;
                delivered.add(new Read(start, minutes, kwh, register));
            }
        }
        return this;
    }

    List<Read> delivered() {
        return delivered;
    }

    PeriodLookup lookup() {
        return lookup;
    }

    /** The month's usage from the delivered readings that start in it, in the order given. */
    MonthlyUsage month(String yearMonth, List<Read> inOrder) {
        MonthlyUsage usage = MonthlyUsage.of(YearMonth.parse(yearMonth), BillingCalendar.CHINA);
        for (Read r : inOrder) {
            if (usage.covers(r.startMillis())) {
                usage.add(r.startMillis(), r.minutes(), r.kwh(), r.registerKwh(), lookup, null);
            }
        }
        return usage;
    }

    MonthlyUsage month(String yearMonth) {
        return month(yearMonth, delivered);
    }
}
