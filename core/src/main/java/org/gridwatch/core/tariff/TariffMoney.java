package org.gridwatch.core.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic of a bill line. Quantities and prices stay exact decimals until the amount of a
 * line, which is rounded ONCE to the fen (分), half up (0.5 fen and above goes up), as Chinese
 * utility bills print it. A bill's total is the sum of its rounded lines, so it always equals what
 * the customer can add up on paper.
 */
public final class TariffMoney {

    private static final BigDecimal FEN_PER_CNY = BigDecimal.valueOf(100);

    private TariffMoney() {}

    /** {@code quantity × unitPriceCny}, in fen, rounded half up. */
    public static long amountFen(BigDecimal quantity, BigDecimal unitPriceCny) {
        return quantity.multiply(unitPriceCny)
                .multiply(FEN_PER_CNY)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /**
     * The same for a metered kWh value: the double is read as its shortest decimal form ({@code
     * 1.1} is 1.1, not 1.100000000000000088…), so that a reading prices as it prints.
     */
    public static long amountFen(double kwh, BigDecimal unitPriceCny) {
        return amountFen(BigDecimal.valueOf(kwh), unitPriceCny);
    }

    /** A CNY amount in fen, rounded half up. */
    public static long fen(BigDecimal cny) {
        return cny.multiply(FEN_PER_CNY).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
