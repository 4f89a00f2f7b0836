package org.gridwatch.core.value;

import java.io.Serializable;

/**
 * Every setting of the value, credit and segment model in one place, as the monitor job is
 * configured with it. Each part documents its defaults and the reasons for them.
 */
public record ValueModel(
        CreditRules credit, ValueRules value, SegmentPolicy segments, Strategies strategies)
        implements Serializable {

    public static final ValueModel DEFAULTS =
            new ValueModel(
                    CreditRules.DEFAULTS,
                    ValueRules.DEFAULTS,
                    SegmentPolicy.DEFAULTS,
                    Strategies.DEFAULTS);
}
