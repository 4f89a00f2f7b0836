package org.gridwatch.core.detect;

import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.meter.RegisterRollover;

/**
 * One customer's energy over one local day, gathered from its readings in any order: the energy per
 * hour, and what the readings themselves say (zeros, a flat top, meter events, the hours the meter
 * sent energy back, the register at both ends of the day). A Flink POJO: public fields, no-argument
 * constructor.
 */
public final class DayLoad {
    /** Hours in a day; a day of a daylight-saving change is out of scope (China has none). */
    public static final int HOURS = 24;

    static final int SLOTS = 96;

    /** Energy below this, kWh per hour, counts as a zero reading (a meter's last digit). */
    static final double ZERO_KWH_PER_HOUR = 0.001;

    /** Readings within this share of the day's highest rate are tied with it (a flat top). */
    static final double TIE = 0.005;

    /** A reading's resolution with some room: meters report whole Wh, kWh. */
    static final double RESOLUTION_KWH = 0.0015;

    public long epochDay;
    public long dayStartMillis;
    public float[] hourly = new float[HOURS];
    public int readings;
    public int zeroReadings;
    public int minutes;

    /**
     * The day's quarter hours some reading covers: bit {@code s} of {@code quartersLow} for the
     * quarter hour {@code s} from midnight (0–63), of {@code quartersHigh} for {@code s − 64}
     * (64–95). A day kept by a release before they were has every bit set ({@link
     * #quartersNotKept}): taken as read, its hours are not {@link #completedHourly completed}.
     */
    public long quartersLow;

    public long quartersHigh;

    private static final long ALL_HIGH = (1L << (SLOTS - 64)) - 1;

    /**
     * The readings' rates, kW, that may yet be tied at the day's highest (a flat top, counted when
     * asked: {@link #tiedAtMax}), in the order they came: every rate above zero within {@link
     * #mayTie} of the highest so far. A rate further below can never be tied, whatever order the
     * readings come in: the highest only rises. Usually a few numbers; all of a flat day's. (Each
     * reading's rate was kept before, 96 a day, zeros among them; a day restored in that form reads
     * as such a list too.) The meter join admits each quarter hour once, so no rate is replaced.
     */
    public float[] rates = NO_RATES;

    private static final float[] NO_RATES = new float[0];

    // The highest of {@link #rates}, worked out once per array: every reading asks for it, and the
    // array is only ever replaced, never changed in place (here, or by whoever restores a day).
    private transient float[] maxOf;
    private transient float max;

    /** The interval of the day's readings, minutes (the last one's: a meter has one). */
    public int intervalMinutes = 15;

    /** Meter event flags seen in the day, OR-ed ({@link org.gridwatch.core.event.MeterEvent}). */
    public int events;

    /**
     * A reading's reverse energy above this is the meter running backwards, not its creep (ten
     * times its last digit), kWh.
     */
    static final double EXPORT_KWH = 0.01;

    /**
     * The hours of the day in which the meter ran backwards, bit {@code h} for the hour {@code h}
     * from midnight: a reading that exported more than {@link #EXPORT_KWH}, or that carried
     * REVERSE_FLOW. A rooftop array does so in daylight; a meter wired to count the house's use as
     * export does so at night as well ({@link MeterEvidence}). 0 in a day kept by a release before
     * it was kept (not known: taken as none).
     */
    public int exportHours;

    /** The register at the start of the day's earliest reading (its register less its energy). */
    public double registerStartKwh = Double.NaN;

    public long registerStartMillis = Long.MAX_VALUE;
    public double registerEndKwh = Double.NaN;
    public long registerEndMillis = Long.MIN_VALUE;

    public DayLoad() {}

    public DayLoad(long epochDay, long dayStartMillis) {
        this.epochDay = epochDay;
        this.dayStartMillis = dayStartMillis;
    }

    /** Adds a reading that starts within this day (a reading past midnight is cut at it). */
    public void add(MeterReading r) {
        readings++;
        minutes += r.intervalMinutes();
        double perHour = r.kwh() * 60.0 / r.intervalMinutes();
        boolean exported = r.hasExport() && r.exportKwh() > 0;
        if (perHour < ZERO_KWH_PER_HOUR && !exported) {
            zeroReadings++; // a reading that sent energy back is a meter that ran: not a zero
        }
        if ((exported && r.exportKwh() > EXPORT_KWH)
                || MeterEvent.isSet(r.events(), MeterEvent.REVERSE_FLOW)) {
            exportHours |= hoursOf(r.startMillis(), r.endMillis());
        }
        spread(r.startMillis(), r.endMillis(), r.kwh());
        cover(r.startMillis(), r.endMillis());
        long slot = Math.floorDiv(r.startMillis() - dayStartMillis, 900_000L);
        if (slot >= 0 && slot < SLOTS) {
            keepIfNearMax((float) perHour);
        }
        intervalMinutes = r.intervalMinutes();
        events |= r.events();
        if (r.hasRegister()) {
            if (r.startMillis() < registerStartMillis) {
                registerStartMillis = r.startMillis();
                registerStartKwh = r.registerKwh() - r.kwh();
            }
            if (r.endMillis() > registerEndMillis) {
                registerEndMillis = r.endMillis();
                registerEndKwh = r.registerKwh();
            }
        }
    }

    /**
     * Adds the readings {@code other} gathered for the same day: the customer's other meter on a
     * day its meter was exchanged, whose readings were added apart. The hourly energy is summed in
     * floats as {@link #add} sums it, so it equals adding every reading here up to the floats'
     * rounding (their order is the readings' arrival anyway); the rates that may tie at the top are
     * kept as {@link #add} keeps them. Two meters' registers count apart (the new one from its own
     * start, often 0): where both days have one, the merged day keeps the latest read, for the next
     * day to go on from, and no start, so that its register is not compared with its readings (nor,
     * by {@link MeterEvidence}, with the day before); otherwise the one day's registers are kept.
     *
     * @throws IllegalArgumentException if {@code other} is another day
     */
    public void merge(DayLoad other) {
        if (other.epochDay != epochDay || other.dayStartMillis != dayStartMillis) {
            throw new IllegalArgumentException(
                    "cannot merge day " + other.epochDay + " into " + epochDay);
        }
        for (int h = 0; h < HOURS; h++) {
            hourly[h] += other.hourly[h];
        }
        readings += other.readings;
        zeroReadings += other.zeroReadings;
        minutes += other.minutes;
        quartersLow |= other.quartersLow;
        quartersHigh |= other.quartersHigh;
        for (float rate : other.rates) {
            keepIfNearMax(rate);
        }
        if (other.readings > 0) {
            intervalMinutes = other.intervalMinutes;
        }
        events |= other.events;
        exportHours |= other.exportHours;
        if (!Double.isNaN(other.registerEndKwh) && !Double.isNaN(registerEndKwh)) {
            forgetFirstRegister(); // two meters' registers: neither spans the day
        } else if (other.registerStartMillis < registerStartMillis) {
            registerStartMillis = other.registerStartMillis;
            registerStartKwh = other.registerStartKwh;
        }
        if (other.registerEndMillis > registerEndMillis) {
            registerEndMillis = other.registerEndMillis;
            registerEndKwh = other.registerEndKwh;
        }
    }

    /**
     * Forgets the day's first register read, keeping its last: the day's reads come from two
     * registers (a meter exchanged or replaced during the day), so they span nothing, the day's
     * register is not compared with its readings, and the next day goes on from the last read.
     */
    public void forgetFirstRegister() {
        registerStartMillis = Long.MAX_VALUE;
        registerStartKwh = Double.NaN;
    }

    /** The day's hours that {@code [start, end)} covers, wholly or in part, as bits. */
    private int hoursOf(long start, long end) {
        long first = Math.max(0, Math.floorDiv(start - dayStartMillis, 3_600_000L));
        long last = Math.min(HOURS - 1, Math.floorDiv(end - 1 - dayStartMillis, 3_600_000L));
        int bits = 0;
        for (long h = first; h <= last; h++) {
            bits |= 1 << h;
        }
        return bits;
    }

    /** Marks the day's quarter hours that {@code [start, end)} covers, wholly or in part. */
    private void cover(long start, long end) {
        long first = Math.max(0, Math.floorDiv(start - dayStartMillis, 900_000L));
        long last = Math.min(SLOTS - 1, Math.floorDiv(end - 1 - dayStartMillis, 900_000L));
        for (long s = first; s <= last; s++) {
            if (s < 64) {
                quartersLow |= 1L << s;
            } else {
                quartersHigh |= 1L << (s - 64);
            }
        }
    }

    /**
     * A day restored from a release that did not keep its quarter hours: which ones its readings
     * covered is not known, so it is taken as read whole, as that release took it (the readings
     * still to come cannot tell the quarters read before).
     */
    public void quartersNotKept() {
        quartersLow = -1L;
        quartersHigh = ALL_HIGH;
    }

    /** How many of hour {@code h}'s four quarter hours a reading covers. */
    int coveredQuarters(int h) {
        int s = h * 4;
        long bits = s < 64 ? quartersLow >>> s : quartersHigh >>> (s - 64);
        return Long.bitCount(bits & 0xF);
    }

    /**
     * The day's energy in each hour as if every quarter hour had been read: what the area's hourly
     * balance sets against the transformer's supply, which a missing reading does not lower. An
     * hour read in part is completed at its own rate (three quarters read: × 4/3); an hour with no
     * reading takes the customer's usual energy in that hour, scaled as the day's read hours
     * compare with their usual, or, with no usual day, the read hours' mean. A day read whole, or
     * kept without its quarter hours ({@link #quartersNotKept}), or with no reading, is as read. (A
     * meter without supply reads 0 kWh, covered, with its POWER_OFF event: an hour no reading
     * covers is a reading lost or late on its way, not an outage.)
     *
     * @param usual the customer's usual energy in each hour of a day of this kind, kWh, or null
     */
    public float[] completedHourly(float[] usual) {
        float[] hours = hourly.clone();
        if ((quartersLow == 0 && quartersHigh == 0)
                || (quartersLow == -1L && quartersHigh == ALL_HIGH)) {
            return hours;
        }
        double read = 0;
        double readUsual = 0;
        int readHours = 0;
        boolean missing = false;
        for (int h = 0; h < HOURS; h++) {
            int q = coveredQuarters(h);
            if (q == 0) {
                missing = true;
                continue;
            }
            hours[h] = hourly[h] * 4f / q;
            read += hours[h];
            readUsual += usual == null ? 0 : usual[h];
            readHours++;
        }
        if (!missing) {
            return hours;
        }
        boolean byUsual = usual != null && readUsual > 0;
        for (int h = 0; h < HOURS; h++) {
            if (coveredQuarters(h) == 0) {
                hours[h] = (float) (byUsual ? usual[h] * read / readUsual : read / readHours);
            }
        }
        return hours;
    }

    /** Splits energy over the hours it spans, in proportion to time. */
    private void spread(long start, long end, double kwh) {
        int first = (int) Math.floorDiv(start - dayStartMillis, 3_600_000L);
        if (end <= dayStartMillis + (first + 1) * 3_600_000L) {
            if (first >= 0 && first < HOURS) {
                hourly[first] += (float) kwh; // within one hour: every reading of 60 min or less
            }
            return;
        }
        long span = end - start;
        long t = start;
        while (t < end) {
            int hour = (int) Math.floorDiv(t - dayStartMillis, 3_600_000L);
            long hourEnd = dayStartMillis + (hour + 1) * 3_600_000L;
            long until = Math.min(end, hourEnd);
            if (hour >= 0 && hour < HOURS) {
                hourly[hour] += (float) (kwh * (until - t) / span);
            }
            t = until;
        }
    }

    /**
     * How far below a highest rate {@code max} a rate may still be tied with the day's final
     * highest: the widest tie of {@link #tiedAtMax} at any interval (15 minutes: the meter's last
     * digit weighs most), and 1% more for rounding. {@code max − mayTie(max)} rises with {@code
     * max}, so a rate below it now stays below it.
     */
    private static double mayTie(double max) {
        return 1.01 * Math.max(TIE * max, RESOLUTION_KWH * 60.0 / 15);
    }

    private void keepIfNearMax(float rate) {
        if (rate <= ZERO_KWH_PER_HOUR) {
            return; // never tied
        }
        double max = maxKw();
        if (rate < max - mayTie(max)) {
            return;
        }
        float[] kept = java.util.Arrays.copyOf(rates, rates.length + 1);
        kept[rates.length] = rate;
        if (rate > max) {
            double floor = rate - mayTie(rate);
            int n = 0;
            for (float v : kept) {
                if (v >= floor) {
                    kept[n++] = v;
                }
            }
            kept = n == kept.length ? kept : java.util.Arrays.copyOf(kept, n);
        }
        rates = kept;
    }

    /** The day's highest reading as a rate, kW. */
    public double maxKw() {
        if (maxOf != rates) {
            float highest = 0;
            for (float v : rates) {
                highest = Math.max(highest, v);
            }
            max = highest;
            maxOf = rates;
        }
        return max;
    }

    /**
     * How many readings are tied at the day's maximum: within {@link #TIE} of it, or within the
     * meter's last digit (1 Wh a reading, {@link #RESOLUTION_KWH}). Zero readings are never tied.
     */
    public int tiedAtMax() {
        double max = maxKw();
        if (max <= ZERO_KWH_PER_HOUR) {
            return 0;
        }
        double tie = Math.max(TIE * max, RESOLUTION_KWH * 60.0 / intervalMinutes);
        int tied = 0;
        for (float v : rates) {
            if (v >= max - tie && v > ZERO_KWH_PER_HOUR) {
                tied++;
            }
        }
        return tied;
    }

    public double total() {
        double sum = 0;
        for (float v : hourly) {
            sum += v;
        }
        return sum;
    }

    /** The share of the day its readings cover, 0..1. */
    public double coverage() {
        return Math.min(1.0, minutes / (24.0 * 60));
    }

    /**
     * Register advance over the covered span ({@link RegisterRollover#advance}: across a rollover
     * of its digits too) less the interval energy: positive when the register counted energy the
     * intervals did not report. NaN without registers at both ends.
     */
    public double registerGapKwh() {
        if (Double.isNaN(registerStartKwh) || Double.isNaN(registerEndKwh)) {
            return Double.NaN;
        }
        return RegisterRollover.advance(registerStartKwh, registerEndKwh) - total();
    }
}
