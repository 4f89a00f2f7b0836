package org.gridwatch.core.tariff;

import java.util.EnumSet;
import java.util.Set;

/**
 * A compiled time-of-use schedule: the period of every (month, day type, slot of the day), held in
 * one flat byte array so that a lookup is an index computation and one array read.
 *
 * <p>Slots are {@code slotMinutes} long (30 gives 48 a day, 15 gives 96), so provinces that move
 * boundaries to the quarter hour need no new code, only a finer schedule.
 */
public final class TouSchedule {

    private final int slotMinutes;
    private final int slotsPerDay;

    /** Index: ((month - 1) * DayType.COUNT + dayType) * slotsPerDay + slot. */
    private final byte[] periods;

    private final Set<TariffPeriod> used;

    private TouSchedule(int slotMinutes, byte[] periods) {
        this.slotMinutes = slotMinutes;
        this.slotsPerDay = DayProfile.MINUTES_PER_DAY / slotMinutes;
        this.periods = periods;
        EnumSet<TariffPeriod> seen = EnumSet.noneOf(TariffPeriod.class);
        for (byte p : periods) {
            seen.add(TariffPeriod.ofOrdinal(p));
        }
        this.used = Set.copyOf(seen);
    }

    public static Builder builder(int slotMinutes) {
        return new Builder(slotMinutes);
    }

    /** The same day, every day of the year. */
    public static TouSchedule everyDay(DayProfile day, int slotMinutes) {
        Builder builder = builder(slotMinutes);
        for (int month = 1; month <= 12; month++) {
            for (DayType type : DayType.values()) {
                builder.assign(month, type, day);
            }
        }
        return builder.build();
    }

    /** The period of the slot containing {@code minuteOfDay} (0–1439). */
    public TariffPeriod period(int month, DayType dayType, int minuteOfDay) {
        return TariffPeriod.ofOrdinal(periods[index(month, dayType.ordinal(), minuteOfDay)]);
    }

    int index(int month, int dayTypeOrdinal, int minuteOfDay) {
        return ((month - 1) * DayType.COUNT + dayTypeOrdinal) * slotsPerDay
                + minuteOfDay / slotMinutes;
    }

    byte periodOrdinalAt(int index) {
        return periods[index];
    }

    public int slotMinutes() {
        return slotMinutes;
    }

    /** Every period that occurs somewhere in the year. */
    public Set<TariffPeriod> periodsUsed() {
        return used;
    }

    public boolean uses(TariffPeriod period) {
        return used.contains(period);
    }

    /** Assigns a whole-day profile to each (month, day type); later assignments replace earlier. */
    public static final class Builder {
        private final int slotMinutes;
        private final byte[][] days = new byte[12 * DayType.COUNT][];

        private Builder(int slotMinutes) {
            if (slotMinutes <= 0 || DayProfile.MINUTES_PER_DAY % slotMinutes != 0) {
                throw new IllegalArgumentException(
                        "slot minutes must divide a day evenly, got " + slotMinutes);
            }
            this.slotMinutes = slotMinutes;
        }

        public Builder assign(int month, DayType dayType, DayProfile day) {
            if (month < 1 || month > 12) {
                throw new IllegalArgumentException("month must be 1-12, got " + month);
            }
            var problems = day.problems(slotMinutes);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("day '" + day.name() + "': " + problems);
            }
            days[(month - 1) * DayType.COUNT + dayType.ordinal()] = day.toSlots(slotMinutes);
            return this;
        }

        /** Whether (month, day type) has a day yet. */
        public boolean isAssigned(int month, DayType dayType) {
            return days[(month - 1) * DayType.COUNT + dayType.ordinal()] != null;
        }

        public TouSchedule build() {
            int slotsPerDay = DayProfile.MINUTES_PER_DAY / slotMinutes;
            byte[] periods = new byte[days.length * slotsPerDay];
            for (int row = 0; row < days.length; row++) {
                if (days[row] == null) {
                    throw new IllegalStateException(
                            "no day assigned for month "
                                    + (row / DayType.COUNT + 1)
                                    + ", "
                                    + DayType.values()[row % DayType.COUNT].fileName());
                }
                System.arraycopy(days[row], 0, periods, row * slotsPerDay, slotsPerDay);
            }
            return new TouSchedule(slotMinutes, periods);
        }
    }
}
