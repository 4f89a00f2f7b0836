package org.gridwatch.core.whatif;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.tariff.DayType;
import org.gridwatch.core.tariff.HolidayCalendar;

/**
 * A customer's load signature: kWh by month × day type × half hour of the day, built once from the
 * recorded readings, from which every what-if scenario is priced (a tariff whose periods change on
 * half hours prices a signature exactly as it prices the readings: {@link SignatureBills}).
 *
 * <p>A reading is split into quarter hours exactly as billing splits it ({@link Bucket#share}),
 * each quarter going to the half hour and day type in which it starts, and the whole reading to the
 * month in which it starts (as in billing). A reading that overlaps one already added (a duplicate
 * delivery) adds nothing. Size: 144 longs (1.2 kB) a month of history.
 *
 * <p>Flink state and records: public no-arg constructor, public fields.
 */
public final class LoadSignature {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long QUARTER_MILLIS = Bucket.MILLIS;

    public String customerId;
    public String meterId;

    /** The customer class name (contract values, e.g. {@code RESIDENTIAL}). */
    public String customerClass;

    public String tariffId;
    public String areaId;

    /** Contract capacity, used as kVA by two-part tariffs; NaN when unknown. */
    public double contractKw = Double.NaN;

    public boolean prepaid;

    /** The customer's segment when known (from the monitor's segments), else null. */
    public String segment;

    /** Months in ascending order. */
    public MonthLoad[] months = new MonthLoad[0];

    /** Readings added (duplicates not counted). */
    public long readings;

    /** Readings refused as overlapping one already added. */
    public long duplicates;

    public LoadSignature() {}

    /**
     * Adds one reading.
     *
     * @param startMillis the start of the interval (a contract reading's {@code ts} is its end)
     * @param intervalMinutes a positive multiple of 15
     * @param kwh the interval's energy, finite and not negative
     * @return false if it overlaps a reading already added (then nothing is added)
     * @throws IllegalStateException once the signature is {@link #seal() sealed}
     */
    public boolean add(
            long startMillis,
            int intervalMinutes,
            double kwh,
            HolidayCalendar calendar,
            ZoneOffset zone) {
        if (intervalMinutes <= 0 || intervalMinutes % 15 != 0) {
            throw new IllegalArgumentException(
                    "interval must be a multiple of 15 minutes: " + intervalMinutes);
        }
        if (!(kwh >= 0) || Double.isInfinite(kwh)) {
            throw new IllegalArgumentException("kWh must be a finite number >= 0: " + kwh);
        }
        long offset = zone.getTotalSeconds() * 1000L;
        long startDay = Math.floorDiv(startMillis + offset, MILLIS_PER_DAY);
        LocalDate startDate = LocalDate.ofEpochDay(startDay);
        MonthLoad month = month(startDate.getYear() * 100 + startDate.getMonthValue());
        if (month.quartersRead == null) {
            throw new IllegalStateException("signature of " + customerId + " is sealed");
        }
        long monthStartDay = startDay - (startDate.getDayOfMonth() - 1);
        int quarters = intervalMinutes / 15;
        int first =
                (int) ((startMillis + offset - monthStartDay * MILLIS_PER_DAY) / QUARTER_MILLIS);
        if (!month.markRead(first, first + quarters)) {
            duplicates++;
            return false;
        }
        long total = Bucket.microKwh(kwh);
        for (int q = 0; q < quarters; q++) {
            long local = startMillis + offset + q * QUARTER_MILLIS;
            long day = Math.floorDiv(local, MILLIS_PER_DAY);
            int quarterOfDay = (int) (Math.floorMod(local, MILLIS_PER_DAY) / QUARTER_MILLIS);
            DayType type = calendar.dayTypeOfEpochDay(day);
            long part = Bucket.share(total, quarters, q);
            month.microKwh[MonthLoad.slot(type, quarterOfDay / 2)] += part;
            month.maxQuarterMicroKwh = Math.max(month.maxQuarterMicroKwh, part);
            int dayOfMonth = (int) (day - monthStartDay);
            if (dayOfMonth >= 0 && dayOfMonth < 31) {
                month.dayBits |= 1 << dayOfMonth;
            }
        }
        readings++;
        return true;
    }

    /** Drops what only building needs (the quarter hours read); no reading can be added after. */
    public LoadSignature seal() {
        for (MonthLoad month : months) {
            month.quartersRead = null;
        }
        return this;
    }

    /**
     * This signature plus another's months (the same customer read by two meters, one after the
     * other): a new signature with this one's customer fields.
     */
    public LoadSignature plus(LoadSignature other) {
        LoadSignature sum = copyFields();
        sum.months = new MonthLoad[0];
        for (MonthLoad m : months) {
            sum.month(m.yearMonth).add(m);
        }
        for (MonthLoad m : other.months) {
            sum.month(m.yearMonth).add(m);
        }
        sum.readings = readings + other.readings;
        sum.duplicates = duplicates + other.duplicates;
        return sum.seal();
    }

    public long totalMicroKwh() {
        long sum = 0;
        for (MonthLoad m : months) {
            sum += m.totalMicroKwh();
        }
        return sum;
    }

    /** The month {@code yearMonth}, added in order if it is not there yet. */
    MonthLoad month(int yearMonth) {
        int at = months.length;
        for (int i = months.length - 1; i >= 0; i--) {
            if (months[i].yearMonth == yearMonth) {
                return months[i];
            }
            if (months[i].yearMonth < yearMonth) {
                break;
            }
            at = i;
        }
        MonthLoad added = MonthLoad.of(yearMonth);
        MonthLoad[] grown = new MonthLoad[months.length + 1];
        System.arraycopy(months, 0, grown, 0, at);
        grown[at] = added;
        System.arraycopy(months, at, grown, at + 1, months.length - at);
        months = grown;
        return added;
    }

    private LoadSignature copyFields() {
        LoadSignature copy = new LoadSignature();
        copy.customerId = customerId;
        copy.meterId = meterId;
        copy.customerClass = customerClass;
        copy.tariffId = tariffId;
        copy.areaId = areaId;
        copy.contractKw = contractKw;
        copy.prepaid = prepaid;
        copy.segment = segment;
        return copy;
    }
}
