package org.gridwatch.core.billing;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffFile;

/** Readings for bill tests, written as a person would describe a month of them. */
final class MonthOfReadings {

    static final BillCalculator CALCULATOR = new BillCalculator(BillingCalendar.CHINA);

    /** One reading: start instant, minutes, kWh. */
    record Reading(long startMillis, int minutes, double kwh) {}

    private final Tariff tariff;
    private final PeriodLookup lookup;
    private final YearMonth month;
    private final List<Reading> readings = new ArrayList<>();

    private MonthOfReadings(Tariff tariff, YearMonth month) {
        this.tariff = tariff;
        this.lookup = PeriodLookup.china(tariff.schedule(), HolidayCalendar.china2026());
        this.month = month;
    }

    static MonthOfReadings of(String presetId, String month) {
        return new MonthOfReadings(TariffFile.presets().get(presetId), YearMonth.parse(month));
    }

    static MonthOfReadings of(Tariff tariff, String month) {
        return new MonthOfReadings(tariff, YearMonth.parse(month));
    }

    /** A tariff from YAML text, for rules the presets do not have. */
    static Tariff tariff(String yaml, String id) {
        return TariffFile.load(new StringReader(yaml), "test.yaml").get(id);
    }

    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    /** A reading starting at {@code time} ("HH:mm") on every day of the month. */
    MonthOfReadings daily(String time, int minutes, double kwh) {
        for (int day = 1; day <= month.lengthOfMonth(); day++) {
            at(month.atDay(day) + "T" + time, minutes, kwh);
        }
        return this;
    }

    /** A 60-minute reading of {@code kwh} for every hour of every day. */
    MonthOfReadings everyHour(double kwh) {
        for (int hour = 0; hour < 24; hour++) {
            daily(String.format("%02d:00", hour), 60, kwh);
        }
        return this;
    }

    MonthOfReadings at(String localStart, int minutes, double kwh) {
        readings.add(new Reading(at(localStart), minutes, kwh));
        return this;
    }

    /** Removes the reading that starts at {@code localStart}: a reading that never came. */
    MonthOfReadings without(String localStart) {
        long start = at(localStart);
        readings.removeIf(r -> r.startMillis() == start);
        return this;
    }

    List<Reading> readings() {
        return readings;
    }

    PeriodLookup lookup() {
        return lookup;
    }

    Tariff tariff() {
        return tariff;
    }

    MonthlyUsage usage() {
        return usageOf(readings);
    }

    MonthlyUsage usageOf(List<Reading> inOrder) {
        MonthlyUsage usage = MonthlyUsage.of(month, BillingCalendar.CHINA);
        for (Reading r : inOrder) {
            usage.add(r.startMillis(), r.minutes(), r.kwh(), lookup);
        }
        return usage;
    }

    BillStatement bill(double contractKva, BigDecimal kwhEarlierThisYear) {
        return CALCULATOR.bill("C1", tariff, usage(), contractKva, kwhEarlierThisYear);
    }

    BillStatement bill() {
        return bill(Double.NaN, BigDecimal.ZERO);
    }
}
