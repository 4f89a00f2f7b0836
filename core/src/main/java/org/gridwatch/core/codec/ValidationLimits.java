package org.gridwatch.core.codec;

/**
 * The bounds beyond which an input record is rejected rather than used.
 *
 * @param maxRecordChars longest record accepted. Default 8192: a reading is ~200 characters and a
 *     customer ~250; anything 40 times that is a broken producer (concatenated messages, a dump
 *     sent as one record), and parsing it would cost more than it can be worth.
 * @param maxKw the largest average power one meter can draw in an interval, kW. Default 300,000
 *     (300 MW): more than the largest single industrial connections in China (220 kV steel and
 *     aluminium smelters take a few hundred MW), so above it the reading is a meter or transmission
 *     fault. Readings are also checked against the customer's own contract capacity, see {@link
 *     #contractOverloadFactor}.
 * @param contractOverloadFactor a reading above contract kW × hours × this factor is implausible.
 *     Default 3: transformers carry 1.5–2× their rating for hours; 3× is beyond any overload a
 *     connection survives for a whole interval.
 * @param maxPaymentFen the largest single payment accepted, fen. Default 10^11 (1 billion CNY).
 * @param maxContractKw the largest contract capacity accepted, kW. Default 1,000,000 (1 GW).
 * @param maxClockSkewMinutes how far off its interval's boundary a reading's {@code ts} may be and
 *     still be counted, for the interval that ends at the nearest boundary; further off it is
 *     rejected {@code MISALIGNED_TIMESTAMP}. Default 5 minutes: a meter clock that far off is
 *     within what collection systems let run before they set it again, and some head-ends and
 *     exports stamp every half hour at :25 and :55 (the SGSC trial's households). Less than half of
 *     the shortest interval (15 minutes), so the nearest boundary is never in doubt; 0 takes only
 *     exact boundaries.
 */
public record ValidationLimits(
        int maxRecordChars,
        double maxKw,
        double contractOverloadFactor,
        long maxPaymentFen,
        double maxContractKw,
        int maxClockSkewMinutes)
        implements java.io.Serializable {

    public ValidationLimits {
        if (maxClockSkewMinutes < 0 || 2 * maxClockSkewMinutes >= 15) {
            throw new IllegalArgumentException(
                    "maxClockSkewMinutes must be 0..7 (less than half a quarter hour), got "
                            + maxClockSkewMinutes);
        }
    }

    public static final ValidationLimits DEFAULT =
            new ValidationLimits(8192, 300_000.0, 3.0, 100_000_000_000L, 1_000_000.0, 5);
}
