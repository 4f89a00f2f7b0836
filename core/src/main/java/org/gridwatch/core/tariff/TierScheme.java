package org.gridwatch.core.tariff;

import java.math.BigDecimal;
import java.util.List;

/**
 * Residential tiered pricing (阶梯电价): the consumption of a tier period (a year or a month) is cut at
 * thresholds, and each tier adds its increment to the energy price. Combined with time of use as
 * Chinese residential tariffs do: the tier is decided on the TOTAL consumption, the TOU price on
 * the split by period; so a bill has TOU lines for every kWh plus increment lines for the kWh that
 * fall in the upper tiers (发改价格〔2011〕2617号 sets this structure).
 *
 * @param tiers in ascending order of threshold; the last has no limit
 */
public record TierScheme(Basis basis, List<Tier> tiers) {

    public enum Basis {
        /** Thresholds count the kWh of the calendar year (the common annual scheme). */
        ANNUAL,
        /** Thresholds count the kWh of each billing month. */
        MONTHLY
    }

    /**
     * @param upToKwh the cumulative kWh where this tier ends, {@link Long#MAX_VALUE} for the last
     * @param incrementCnyPerKwh added to the energy price for kWh in this tier (0 for the first)
     */
    public record Tier(long upToKwh, BigDecimal incrementCnyPerKwh) {
        public boolean isOpenEnded() {
            return upToKwh == Long.MAX_VALUE;
        }
    }

    /** No tiers: every kWh at the TOU price. */
    public static final TierScheme NONE =
            new TierScheme(Basis.MONTHLY, List.of(new Tier(Long.MAX_VALUE, BigDecimal.ZERO)));

    public TierScheme {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty() || !tiers.get(tiers.size() - 1).isOpenEnded()) {
            throw new IllegalArgumentException("the last tier must have no limit");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).upToKwh() <= tiers.get(i - 1).upToKwh()) {
                throw new IllegalArgumentException("tier thresholds must rise");
            }
        }
    }

    public boolean isTiered() {
        return tiers.size() > 1;
    }

    /**
     * How the kWh of this bill fall into the tiers.
     *
     * @param kwhBefore consumption already billed in the same tier period (0 for a monthly basis or
     *     the first bill of the year)
     * @param kwhNow the consumption of this bill
     * @return the kWh of this bill in each tier, index for index with {@link #tiers()}
     */
    public BigDecimal[] split(BigDecimal kwhBefore, BigDecimal kwhNow) {
        BigDecimal[] inTier = new BigDecimal[tiers.size()];
        BigDecimal start = kwhBefore;
        BigDecimal end = kwhBefore.add(kwhNow);
        BigDecimal lower = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            BigDecimal upper =
                    tier.isOpenEnded() ? end.max(lower) : BigDecimal.valueOf(tier.upToKwh());
            BigDecimal from = start.max(lower);
            BigDecimal to = end.min(upper);
            inTier[i] = to.compareTo(from) > 0 ? to.subtract(from) : BigDecimal.ZERO;
            lower = upper;
        }
        return inTier;
    }

    /**
     * The tier increments of this bill in fen: one line per tier, each rounded once (see {@link
     * TariffMoney}), summed.
     */
    public long incrementFen(BigDecimal kwhBefore, BigDecimal kwhNow) {
        BigDecimal[] inTier = split(kwhBefore, kwhNow);
        long fen = 0;
        for (int i = 0; i < inTier.length; i++) {
            BigDecimal increment = tiers.get(i).incrementCnyPerKwh();
            if (increment.signum() != 0 && inTier[i].signum() != 0) {
                fen += TariffMoney.amountFen(inTier[i], increment);
            }
        }
        return fen;
    }
}
