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
 */
public record ValidationLimits(
        int maxRecordChars,
        double maxKw,
        double contractOverloadFactor,
        long maxPaymentFen,
        double maxContractKw)
        implements java.io.Serializable {

    public static final ValidationLimits DEFAULT =
            new ValidationLimits(8192, 300_000.0, 3.0, 100_000_000_000L, 1_000_000.0);
}
