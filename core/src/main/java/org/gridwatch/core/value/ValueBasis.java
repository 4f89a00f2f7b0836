package org.gridwatch.core.value;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.gridwatch.core.event.CustomerClass;

/**
 * What a customer's value is measured in: revenue, or the utility's margin on it. The paper's 80/20
 * is of profit (利润). Since agency purchase (代理购电, 2021) most of an industry-and-commerce bill is
 * the energy the utility buys for the customer and passes through; what it keeps is the rest,
 * chiefly the transmission-and-distribution price (输配电价). So a large factory with a big bill can
 * bring the utility less than its revenue rank says. Where the utility configures prices per class,
 * the margin is the value basis: the revenue ranks, the segment thresholds, current value and the
 * 80/20 check are all on it; otherwise revenue, as before.
 *
 * <ul>
 *   <li>{@link Kind#REVENUE}: the 12-month revenue billed.
 *   <li>{@link Kind#PURCHASE_COST}: revenue − kWh × the class's purchase cost (CNY/kWh): the energy
 *       price paid on, government funds and losses included if the utility counts them there.
 *   <li>{@link Kind#DISTRIBUTION}: kWh × the class's transmission-and-distribution price (CNY/kWh):
 *       the utility's own share by the price notice, whatever the energy price.
 * </ul>
 *
 * @param cnyPerKwh the price per class; every class, when the kind is not revenue
 */
public record ValueBasis(Kind kind, Map<CustomerClass, Double> cnyPerKwh) implements Serializable {

    public enum Kind {
        REVENUE,
        PURCHASE_COST,
        DISTRIBUTION
    }

    public static final ValueBasis REVENUE = new ValueBasis(Kind.REVENUE, Map.of());

    /**
     * A price per kWh above this is a typing error (fen for yuan, say): retail prices in China are
     * below 2 CNY/kWh even at the critical peak.
     */
    public static final double MAX_CNY_PER_KWH = 10;

    public ValueBasis {
        cnyPerKwh = cnyPerKwh.isEmpty() ? Map.of() : new EnumMap<>(cnyPerKwh);
        if (kind != Kind.REVENUE) {
            for (CustomerClass c : CustomerClass.values()) {
                Double price = cnyPerKwh.get(c);
                if (price == null) {
                    throw new IllegalArgumentException(
                            "margin: no price for "
                                    + c
                                    + " (every class needs one, or margins of different classes"
                                    + " would be compared with revenues)");
                }
                if (!(price >= 0) || price > MAX_CNY_PER_KWH) {
                    throw new IllegalArgumentException(
                            "margin: the price for "
                                    + c
                                    + " must be 0–"
                                    + MAX_CNY_PER_KWH
                                    + " CNY/kWh, got "
                                    + price);
                }
            }
        }
    }

    public boolean isMargin() {
        return kind != Kind.REVENUE;
    }

    /** The name the segment record and the metrics give the basis: revenue or margin. */
    public String label() {
        return isMargin() ? "margin" : "revenue";
    }

    /** The customer's value on this basis, fen, from its 12-month revenue and energy (Wh). */
    public long valueFen(CustomerClass customerClass, long revenueFen, long energyWh) {
        return switch (kind) {
            case REVENUE -> revenueFen;
            case PURCHASE_COST -> revenueFen - fenOf(customerClass, energyWh);
            case DISTRIBUTION -> fenOf(customerClass, energyWh);
        };
    }

    /** Wh × CNY/kWh: Wh ÷ 1000 × price × 100 fen, rounded half up. */
    private long fenOf(CustomerClass customerClass, long energyWh) {
        return Math.round(energyWh * cnyPerKwh.get(customerClass) / 10.0);
    }
}
