package org.gridwatch.core.tariff;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.gridwatch.core.codec.EventTime;

/**
 * Every tariff of a file, ready to price readings as they stream: by tariff id, the period of an
 * instant and the energy price of a period. Live revenue on the dashboards uses these prices
 * (energy only: tiers and fixed charges are billed monthly, see {@code BillCalculator}).
 *
 * <p>Energy of a customer whose master record names a tariff the file does not have is counted
 * under {@link #UNPRICED}, so load and energy still add up and the gap is visible.
 */
public final class TariffBook {

    /** The slot after the periods: energy no known tariff prices. */
    public static final int UNPRICED = TariffPeriod.values().length;

    /** Periods plus {@link #UNPRICED}. */
    public static final int SLOTS = UNPRICED + 1;

    private static final TariffPeriod[] PERIODS = TariffPeriod.values();

    /** A tariff with its period lookup and its energy price per slot. */
    public record Priced(Tariff tariff, PeriodLookup lookup, double[] cnyPerKwh) {
        /** The period slot (a {@link TariffPeriod} ordinal) of an instant. */
        public int slotAt(long epochMillis) {
            return lookup.periodAt(epochMillis).ordinal();
        }

        /** The energy price of a slot, CNY per kWh; 0 for {@link #UNPRICED}. */
        public double cnyPerKwh(int slot) {
            return cnyPerKwh[slot];
        }
    }

    private final Map<String, Priced> byId = new HashMap<>();

    /**
     * @param zone the utility's zone, used as {@link EventTime#fixedOffset}
     */
    public TariffBook(LoadedTariffs tariffs, HolidayCalendar calendar, ZoneId zone) {
        ZoneOffset offset = EventTime.fixedOffset(zone);
        for (Tariff t : tariffs.tariffs().values()) {
            double[] prices = new double[SLOTS];
            for (TariffPeriod p : PERIODS) {
                prices[p.ordinal()] =
                        t.schedule().uses(p) ? t.prices().approximateCnyPerKwh(p) : 0.0;
            }
            byId.put(
                    t.id(),
                    new Priced(t, new PeriodLookup(t.schedule(), calendar, offset), prices));
        }
    }

    /** The shipped presets with the 2026 Chinese holiday calendar. */
    public static TariffBook presets(ZoneId zone) {
        return new TariffBook(TariffFile.presets(), HolidayCalendar.china2026(), zone);
    }

    public boolean knows(String tariffId) {
        return byId.containsKey(tariffId);
    }

    /** The tariff of an id, or null when the file has none. */
    public Tariff tariff(String tariffId) {
        Priced p = byId.get(tariffId);
        return p == null ? null : p.tariff();
    }

    /**
     * A tariff priced, or null when the file has none: for pricing many instants of one tariff with
     * one lookup by id.
     */
    public Priced priced(String tariffId) {
        return byId.get(tariffId);
    }

    /**
     * A resolver of tariff ids for one task that prices every reading ({@link Resolver}); not
     * shared between threads.
     */
    public Resolver resolver() {
        return new Resolver();
    }

    /**
     * {@link #priced} for a task that prices every reading: the last few ids asked for are kept by
     * reference, so that a customer's id, one instance shared by every customer on its tariff (as
     * the jobs share ids), is found without hashing. A profile of the meter join showed the map
     * lookup of every reading, twice, at about 8% of the join's time (docs/benchmarks.md, session
     * 28). An id not kept (a new instance, or more tariffs than the resolver keeps) is looked up in
     * the map as before. Not thread-safe: one resolver per task.
     */
    public final class Resolver {
        /** More than a utility's tariffs in use at once; the rest go to the map. */
        static final int KEPT = 16;

        private final String[] ids = new String[KEPT];
        private final Priced[] priced = new Priced[KEPT];
        private int size;

        private Resolver() {}

        /** The tariff priced, or null when the file has none (as {@link TariffBook#priced}). */
        public Priced priced(String tariffId) {
            for (int i = 0; i < size; i++) {
                if (ids[i] == tariffId) {
                    return priced[i];
                }
            }
            Priced p = byId.get(tariffId);
            if (size < KEPT && tariffId != null) {
                ids[size] = tariffId;
                priced[size++] = p;
            }
            return p;
        }

        /** The period lookup of a tariff, or null when the file has none. */
        public PeriodLookup lookup(String tariffId) {
            Priced p = priced(tariffId);
            return p == null ? null : p.lookup();
        }
    }

    /** The period lookup of a tariff, or null when the file has none. */
    public PeriodLookup lookup(String tariffId) {
        Priced p = byId.get(tariffId);
        return p == null ? null : p.lookup();
    }

    /** The period slot (a {@link TariffPeriod} ordinal) of an instant, or {@link #UNPRICED}. */
    public int slotAt(String tariffId, long epochMillis) {
        Priced p = byId.get(tariffId);
        return p == null ? UNPRICED : p.slotAt(epochMillis);
    }

    /** The energy price of a slot under a tariff, CNY per kWh; 0 for {@link #UNPRICED}. */
    public double cnyPerKwh(String tariffId, int slot) {
        Priced p = byId.get(tariffId);
        return p == null ? 0.0 : p.cnyPerKwh(slot);
    }

    /** The name of a slot as the metrics tag it: PEAK, FLAT, ... or UNPRICED. */
    public static String slotName(int slot) {
        return slot == UNPRICED ? "UNPRICED" : PERIODS[slot].name();
    }

    /** The slot a metrics tag names ({@link #slotName}); unknown names are UNPRICED. */
    public static int slotOf(String name) {
        for (int slot = 0; slot < UNPRICED; slot++) {
            if (PERIODS[slot].name().equals(name)) {
                return slot;
            }
        }
        return UNPRICED;
    }
}
