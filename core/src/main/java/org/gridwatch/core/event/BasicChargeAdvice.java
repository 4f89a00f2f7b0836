package org.gridwatch.core.event;

import java.io.Serializable;
import java.math.BigDecimal;
import org.gridwatch.core.billing.BasicChargeBasis;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.tariff.Charges;
import org.gridwatch.core.value.ValueHistory;

/**
 * Which basis of the two-part tariff's basic charge (大工业 基本电费) would cost a large-industry customer
 * less, from its own billed months: contract capacity × the capacity price every month, or each
 * month's maximum 15-minute demand × the demand price. The customer may choose either; a customer
 * who keeps a large contract for a load that never comes near it pays for idle capacity, and one
 * whose demand is peaky pays more on demand. Both are priced by the billing engine's own charge
 * lines ({@link Charges#capacityChargeFen}, {@link Charges#demandChargeFen}) over the same months,
 * then scaled to a year (× 12 ÷ months).
 *
 * @param currentBasis the basis the customer is billed on today ({@link
 *     BasicChargeBasis#defaultFor}: capacity when the master gives its contract capacity)
 * @param months billed months the figures come from, at most 12
 * @param capacityCnyPerYear the basic charge on contract capacity for a year
 * @param demandCnyPerYear the basic charge on the months' maximum demand, for a year
 * @param cheaperBasis the basis with the smaller yearly charge
 * @param savingCnyPerYear what moving from the current basis to the cheaper saves a year; 0 when
 *     the current basis is the cheaper
 */
public record BasicChargeAdvice(
        BasicChargeBasis currentBasis,
        int months,
        double capacityCnyPerYear,
        double demandCnyPerYear,
        BasicChargeBasis cheaperBasis,
        double savingCnyPerYear)
        implements Serializable {

    /** No advice: not a two-part tariff, no contract capacity, or no billed month yet. */
    public static final BasicChargeAdvice NONE = new BasicChargeAdvice(null, 0, 0, 0, null, 0);

    public boolean exists() {
        return currentBasis != null;
    }

    /**
     * The advice for a customer with these charges, contract capacity (kVA; NaN when the master
     * does not say) and billed months; {@link #NONE} when both bases cannot be priced.
     *
     * @param monthlyMaxQuarterMicroKwh each billed month's largest quarter-hour energy ({@link
     *     ValueHistory#monthlyMaxQuarterMicroKwh})
     */
    public static BasicChargeAdvice of(
            Charges charges, double contractKva, long[] monthlyMaxQuarterMicroKwh) {
        if (charges == null
                || Double.isNaN(contractKva)
                || charges.capacityCnyPerKvaMonth().signum() <= 0
                || charges.demandCnyPerKwMonth().signum() <= 0
                || monthlyMaxQuarterMicroKwh.length == 0) {
            return NONE;
        }
        int months = monthlyMaxQuarterMicroKwh.length;
        long capacityFen = charges.capacityChargeFen(BigDecimal.valueOf(contractKva)) * months;
        long demandFen = 0;
        for (long maxQuarter : monthlyMaxQuarterMicroKwh) {
            demandFen +=
                    charges.demandChargeFen(
                            BigDecimal.valueOf(maxQuarter * MonthlyUsage.QUARTERS_PER_HOUR, 6));
        }
        double capacityYear = capacityFen * 12.0 / months / 100;
        double demandYear = demandFen * 12.0 / months / 100;
        BasicChargeBasis current = BasicChargeBasis.defaultFor(contractKva);
        BasicChargeBasis cheaper =
                demandYear < capacityYear ? BasicChargeBasis.DEMAND : BasicChargeBasis.CAPACITY;
        double currentYear = current == BasicChargeBasis.CAPACITY ? capacityYear : demandYear;
        return new BasicChargeAdvice(
                current,
                months,
                capacityYear,
                demandYear,
                cheaper,
                currentYear - Math.min(capacityYear, demandYear));
    }
}
