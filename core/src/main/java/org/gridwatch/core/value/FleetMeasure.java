package org.gridwatch.core.value;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.event.CustomerClass;

/**
 * What a month's valuation needs of the fleet, measure by measure: each billed customer gives one
 * value to each, and each is a distribution of its own, cut into {@link ValueRanges}. A
 * distribution is named by its measure, and by the customer's class for the per-class ones ({@code
 * "TREND/RESIDENTIAL"}).
 *
 * <ul>
 *   <li>{@link #VALUE}, the 12-month value on the model's basis: every customer's rank, the
 *       thresholds of the top 20% and the top half, and the 80/20 check and Gini of the basis
 *       (revenue, or margin counted from 0);
 *   <li>{@link #ENERGY}, the 12-month kWh: every customer's rank;
 *   <li>{@link #REVENUE}, where value is margin: the 80/20 check and Gini of revenue;
 *   <li>{@link #TREND} and {@link #VOLATILITY}, per class: the class's median.
 * </ul>
 */
public enum FleetMeasure {
    VALUE(false, true, false),
    ENERGY(false, true, false),
    REVENUE(false, false, false),
    TREND(true, false, true),
    VOLATILITY(true, false, true);

    /** The 80/20 check looks at the top 20%, whatever the segment policy's high-use share. */
    public static final int TOP_SHARE_PERCENT = 20;

    private final boolean fraction;
    private final boolean ranked;
    private final boolean perClass;

    FleetMeasure(boolean fraction, boolean ranked, boolean perClass) {
        this.fraction = fraction;
        this.ranked = ranked;
        this.perClass = perClass;
    }

    /** Whether each customer is told its rank in this measure. */
    public boolean ranked() {
        return ranked;
    }

    /** The distribution {@code customerClass} belongs to in this measure. */
    public String distribution(CustomerClass customerClass) {
        return perClass ? name() + "/" + customerClass.name() : name();
    }

    /** The measure of a distribution's name. */
    public static FleetMeasure of(String distribution) {
        int slash = distribution.indexOf('/');
        return valueOf(slash < 0 ? distribution : distribution.substring(0, slash));
    }

    /** The class of a per-class distribution's name; null for the others. */
    public static CustomerClass classOf(String distribution) {
        int slash = distribution.indexOf('/');
        return slash < 0 ? null : CustomerClass.valueOf(distribution.substring(slash + 1));
    }

    /** The range a value of this measure falls in ({@code key} as {@link #valuesOf} gives it). */
    public long rangeOf(long key) {
        return fraction ? ValueRanges.ofSortable(key) : ValueRanges.ofAmount(key);
    }

    /**
     * One customer's value in one distribution, compared as a long ({@link ValueRanges}).
     *
     * @param range its {@link ValueRanges range}
     */
    public record Value(String distribution, long range, long key) {}

    /** What the customer gives each distribution at a month's billing. */
    public static List<Value> valuesOf(CustomerStanding s, ValueBasis basis) {
        List<Value> values = new ArrayList<>(5);
        values.add(VALUE.value(s, FleetValuation.valueFen(s, basis)));
        values.add(ENERGY.value(s, s.energy12Wh()));
        if (basis.isMargin()) {
            values.add(REVENUE.value(s, s.revenue12Fen()));
        }
        values.add(TREND.value(s, ValueRanges.sortable(s.trend())));
        values.add(VOLATILITY.value(s, ValueRanges.sortable(s.volatility())));
        return values;
    }

    private Value value(CustomerStanding s, long key) {
        return new Value(distribution(s.customerClass()), rangeOf(key), key);
    }

    /**
     * The positions (from 0, ascending) of a distribution of {@code n} values that the month's
     * figures read: for {@link #VALUE} the thresholds of {@link SegmentPolicy#rule}, the value of
     * the {@code ceil(n × percent / 100)}-th largest; for the per-class measures the one or two
     * middle values of the median.
     */
    public long[] positions(long n, SegmentPolicy policy) {
        return switch (this) {
            case VALUE ->
                    new long[] {
                        n - RevenueConcentration.topCount(n, policy.highTopPercent()),
                        n - RevenueConcentration.topCount(n, policy.moderateTopPercent())
                    };
            case TREND, VOLATILITY -> new long[] {(n - 1) / 2, n / 2};
            case ENERGY, REVENUE -> new long[0];
        };
    }

    /** How a distribution counts in the 80/20 check and Gini. */
    public enum Concentrated {
        /** not at all */
        NO,
        /** as it is; a negative value is an error, as in {@link Concentration#of(long[], int)} */
        AS_IS,
        /** a negative value as 0: a customer served at a loss brings no profit to share */
        FROM_ZERO
    }

    /** How this measure counts in the 80/20 check and Gini on {@code basis}. */
    public Concentrated concentrated(ValueBasis basis) {
        return switch (this) {
            case VALUE -> basis.isMargin() ? Concentrated.FROM_ZERO : Concentrated.AS_IS;
            case REVENUE -> Concentrated.AS_IS;
            case ENERGY, TREND, VOLATILITY -> Concentrated.NO;
        };
    }

    /** The distribution whose 80/20 check and Gini are the revenue's on {@code basis}. */
    public static String revenueDistribution(ValueBasis basis) {
        return basis.isMargin() ? REVENUE.name() : VALUE.name();
    }
}
