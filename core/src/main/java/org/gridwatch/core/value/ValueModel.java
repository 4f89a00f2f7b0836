package org.gridwatch.core.value;

import java.io.Serializable;

/**
 * Every setting of the value, credit and segment model in one place, as the monitor job is
 * configured with it. Each part documents its defaults and the reasons for them.
 *
 * @param peakHoursTariff the tariff whose peak and critical-peak periods are the system's peak
 *     hours, against which every customer's shiftable share is measured: {@value
 *     #DEFAULT_PEAK_HOURS_TARIFF}, the province's standard time-of-use hours (08:00–11:00 and
 *     17:00–23:00 in the presets)
 * @param basis what value is measured in: revenue by default, the utility's margin where it
 *     configures margin prices ({@link ValueBasis})
 */
public record ValueModel(
        CreditRules credit,
        ValueRules value,
        SegmentPolicy segments,
        Strategies strategies,
        String peakHoursTariff,
        ValueBasis basis)
        implements Serializable {

    public static final String DEFAULT_PEAK_HOURS_TARIFF = "commercial-tou";

    public static final ValueModel DEFAULTS =
            new ValueModel(
                    CreditRules.DEFAULTS,
                    ValueRules.DEFAULTS,
                    SegmentPolicy.DEFAULTS,
                    Strategies.DEFAULTS,
                    DEFAULT_PEAK_HOURS_TARIFF,
                    ValueBasis.REVENUE);

    public ValueModel {
        if (peakHoursTariff == null || peakHoursTariff.isBlank()) {
            throw new IllegalArgumentException("peak-hours-tariff must name a tariff");
        }
        if (basis == null) {
            throw new IllegalArgumentException("a value basis is needed (ValueBasis.REVENUE)");
        }
    }
}
