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
