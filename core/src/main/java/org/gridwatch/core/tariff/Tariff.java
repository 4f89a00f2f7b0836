package org.gridwatch.core.tariff;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One tariff as published by a provincial price bureau, as data: when each period applies, what
 * each costs, the residential tiers and the charges that do not depend on time.
 *
 * @param id the key customers refer to, such as {@code commercial-tou}
 * @param source the document it follows (a price bureau notice), or a note that it is an example
 * @param sector which policy rules apply (the NDRC peak/valley ratio binds industry and commerce)
 * @param offpeakVariant the id of the time-of-use tariff a customer on this one can be offered (an
 *     off-peak discount it opts into), "" if none
 */
public record Tariff(
        String id,
        String name,
        String source,
        Sector sector,
        TouSchedule schedule,
        TouPrices prices,
        TierScheme tiers,
        Charges charges,
        String offpeakVariant) {

    public enum Sector {
        RESIDENTIAL,
        /** 工商业: the sector 发改价格〔2021〕1093号 sets the peak/valley ratio for. */
        INDUSTRY_AND_COMMERCE,
        AGRICULTURE
    }

    public Tariff {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(source);
        Objects.requireNonNull(sector);
        Objects.requireNonNull(schedule);
        Objects.requireNonNull(prices);
        Objects.requireNonNull(tiers);
        Objects.requireNonNull(charges);
        Objects.requireNonNull(offpeakVariant);
    }

    /** A tariff without an off-peak variant. */
    public Tariff(
            String id,
            String name,
            String source,
            Sector sector,
            TouSchedule schedule,
            TouPrices prices,
            TierScheme tiers,
            Charges charges) {
        this(id, name, source, sector, schedule, prices, tiers, charges, "");
    }

    /** The off-peak variant's id, if the tariff names one. */
    public java.util.Optional<String> offpeakVariantId() {
        return offpeakVariant.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(offpeakVariant);
    }

    /** The exact energy price of a period, in CNY per kWh, before any tier increment. */
    public BigDecimal priceOf(TariffPeriod period) {
        return prices.priceOf(period);
    }
}
