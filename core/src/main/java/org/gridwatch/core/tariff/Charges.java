package org.gridwatch.core.tariff;

import java.math.BigDecimal;

/**
 * The charges of a tariff that do not depend on when energy is used, all in CNY.
 *
 * <p>Large industry (大工业) pays a two-part tariff: energy plus a basic charge (基本电费), either on
 * contract capacity per kVA and month (容量电价) or on the month's maximum demand per kW (需量电价), as the
 * customer chooses. Zero means the tariff has no such charge.
 *
 * @param fixedMonthlyCny charged every month regardless of use
 * @param minimumMonthlyCny the least a month's bill comes to; a smaller bill is topped up
 * @param capacityCnyPerKvaMonth basic charge per kVA of contract capacity
 * @param demandCnyPerKwMonth basic charge per kW of the month's maximum demand
 */
public record Charges(
        BigDecimal fixedMonthlyCny,
        BigDecimal minimumMonthlyCny,
        BigDecimal capacityCnyPerKvaMonth,
        BigDecimal demandCnyPerKwMonth) {

    public static final Charges NONE =
            new Charges(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public boolean isTwoPart() {
        return capacityCnyPerKvaMonth.signum() > 0 || demandCnyPerKwMonth.signum() > 0;
    }

    public long fixedMonthlyFen() {
        return TariffMoney.fen(fixedMonthlyCny);
    }

    /** The monthly basic charge on contract capacity, one bill line. */
    public long capacityChargeFen(BigDecimal contractKva) {
        return TariffMoney.amountFen(contractKva, capacityCnyPerKvaMonth);
    }

    /** The monthly basic charge on the month's maximum demand (kW), one bill line. */
    public long demandChargeFen(BigDecimal maximumDemandKw) {
        return TariffMoney.amountFen(maximumDemandKw, demandCnyPerKwMonth);
    }

    /** What must be added to a month's other lines so the bill reaches the minimum charge. */
    public long minimumTopUpFen(long otherLinesFen) {
        return Math.max(0, TariffMoney.fen(minimumMonthlyCny) - otherLinesFen);
    }
}
