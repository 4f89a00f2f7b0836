package org.gridwatch.core.tariff;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The energy price of each period in CNY per kWh, exact. Multiples are resolved by exact decimal
 * multiplication (0.6500 × 1.6 × 1.2 = 1.248), never rounded here: rounding happens once, on the
 * amount of a bill line (see {@link TariffMoney}).
 */
public final class TouPrices {

    private final Map<TariffPeriod, PriceRule> rules;
    private final BigDecimal[] exact = new BigDecimal[TariffPeriod.values().length];
    private final double[] approximate = new double[TariffPeriod.values().length];

    /**
     * @throws IllegalArgumentException if a multiple refers to a period without a price, or the
     *     multiples go round in a circle
     */
    public TouPrices(Map<TariffPeriod, PriceRule> rules) {
        this.rules = Map.copyOf(rules);
        for (TariffPeriod period : rules.keySet()) {
            BigDecimal price = resolve(period, 0);
            exact[period.ordinal()] = price;
            approximate[period.ordinal()] = price.doubleValue();
        }
    }

    /** One price for every period: a tariff without time of use. */
    public static TouPrices single(BigDecimal cnyPerKwh) {
        Map<TariffPeriod, PriceRule> rules = new EnumMap<>(TariffPeriod.class);
        rules.put(TariffPeriod.FLAT, new PriceRule.Absolute(cnyPerKwh));
        return new TouPrices(rules);
    }

    /** The exact price of {@code period}, empty if the tariff gives it none. */
    public Optional<BigDecimal> price(TariffPeriod period) {
        return Optional.ofNullable(exact[period.ordinal()]);
    }

    /** The exact price, for a period the schedule uses (the loader guarantees it has one). */
    public BigDecimal priceOf(TariffPeriod period) {
        BigDecimal price = exact[period.ordinal()];
        if (price == null) {
            throw new IllegalArgumentException("no price for " + period.fileName());
        }
        return price;
    }

    /**
     * The price as a double, for live revenue estimates on the dashboards only; bills use {@link
     * #priceOf}. Zero for a period without a price.
     */
    public double approximateCnyPerKwh(TariffPeriod period) {
        return approximate[period.ordinal()];
    }

    public Map<TariffPeriod, PriceRule> rules() {
        return rules;
    }

    private BigDecimal resolve(TariffPeriod period, int depth) {
        if (depth > rules.size()) {
            throw new IllegalArgumentException(
                    "prices refer to each other in a circle through " + period.fileName());
        }
        PriceRule rule = rules.get(period);
        if (rule == null) {
            throw new IllegalArgumentException(
                    "a price refers to " + period.fileName() + ", which has no price");
        }
        if (rule instanceof PriceRule.Multiple m) {
            return resolve(m.of(), depth + 1).multiply(m.factor());
        }
        return ((PriceRule.Absolute) rule).cnyPerKwh();
    }
}
