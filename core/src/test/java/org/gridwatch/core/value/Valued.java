package org.gridwatch.core.value;

import org.gridwatch.core.event.CustomerValuation;

/** Valuations for tests: a steady customer (no growth or scatter beyond its class) by default. */
final class Valued {

    private Valued() {}

    static CustomerValuation of(long valueFen, double current, double potential) {
        return steady(valueFen, current, potential, 0, 0);
    }

    static CustomerValuation steady(
            long valueFen,
            double current,
            double potential,
            double relativeGrowth,
            double excessVolatility) {
        return new CustomerValuation(
                "revenue",
                valueFen,
                current,
                current,
                potential,
                relativeGrowth,
                0.05 + excessVolatility,
                0.05,
                Double.NaN);
    }
}
