package org.gridwatch.simulator;

import java.util.Locale;

/**
 * A fault of a customer's meter for some days of the run (docs/simulator.md, "Meter faults"): what
 * the meter team should hear of, not theft. An honest customer's; the area is supplied as ever.
 *
 * @param kind what goes wrong
 * @param startDay the first faulty day, an index of the run's days
 * @param endDay the first day the meter is right again (exclusive); may be past the run's end
 */
record MeterFault(Kind kind, int startDay, int endDay) {

    /** What goes wrong, and for how many days (drawn uniformly in the range). */
    enum Kind {
        /**
         * No reading reaches the head-end (a meter that lost its communication module or its
         * supply); its register goes on counting, so its next reading covers the days.
         */
        SILENT(3, 14),
        /**
         * The meter reports 0 kWh for every interval while its register counts the energy (a faulty
         * load-profile channel): bills, which read the register, stay right; the load profile and
         * everything judged from it do not.
         */
        INTERVALS_ZERO(7, 28);

        final int minDays;
        final int maxDays;

        Kind(int minDays, int maxDays) {
            this.minDays = minDays;
            this.maxDays = maxDays;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    boolean covers(int day) {
        return day >= startDay && day < endDay;
    }
}
