package org.gridwatch.core.value;

import org.gridwatch.core.event.BasicChargeAdvice;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.OffpeakOffer;

/**
 * What the fleet needs to know of one customer to value and segment it: sent by the customer
 * operator after each bill, payment, inspection or credit change, as of {@code tsMillis}.
 *
 * @param monthClose true when sent for a month's bill (all customers are re-valued against the new
 *     fleet then); false for a credit change in between (only this customer is re-assessed)
 * @param billedMonth the latest billed month, yyyymm
 * @param revenue12Fen revenue billed over the last 12 months
 * @param energy12Wh energy billed over the last 12 months, Wh
 * @param trend the customer's own yearly consumption trend ({@link ValueHistory#trend})
 * @param confirmedThefts inspections that confirmed theft, all on record (repeat offences count)
 * @param theftRecent the latest confirmed theft is within the credit rules' theft lock ({@link
 *     CreditRules#theftLockMillis()}, two years): its escalation step still applies
 * @param daysPastDue whole days the oldest open bill is past due; 0 if none
 * @param lastInspectionMillis the customer's latest on-site inspection, {@link InspectionPlan#NONE}
 *     if never
 * @param prepaid the master's pre-paid flag: the customer has an IC-card or prepaid meter
 * @param offpeak what the off-peak variant of its tariff would save it ({@link OffpeakOffer#NONE}
 *     when there is none)
 * @param volatility how much its billed months scatter about their trend ({@link
 *     ValueHistory#volatility})
 * @param maxDemandKw its largest 15-minute demand of the last 12 billed months, kW
 * @param contractKw its contract capacity from the master, kW; NaN when the master does not say
 * @param demerits the credit demerits still counting, as a person reads them ({@link
 *     CreditRecord#demeritsAt})
 * @param basicCharge which basic-charge basis would cost it less ({@link BasicChargeAdvice#NONE}
 *     unless it is on a two-part tariff with a contract capacity)
 * @param removed the customer was removed from the master: the fleet forgets it ({@link #removal});
 *     the other values are then empty
 */
public record CustomerStanding(
        String customerId,
        String areaId,
        CustomerClass customerClass,
        long tsMillis,
        boolean monthClose,
        int billedMonth,
        long revenue12Fen,
        long energy12Wh,
        double trend,
        double loadFactor,
        double peakShare,
        double tenureYears,
        int creditScore,
        CreditGrade creditGrade,
        int confirmedThefts,
        boolean theftRecent,
        long daysPastDue,
        long lastInspectionMillis,
        boolean prepaid,
        OffpeakOffer offpeak,
        double volatility,
        double maxDemandKw,
        double contractKw,
        String[] demerits,
        BasicChargeAdvice basicCharge,
        boolean removed) {

    /**
     * Its contract headroom ({@link PotentialInputs#headroom}); NaN without a contract capacity.
     */
    public double contractHeadroom() {
        return PotentialInputs.headroom(contractKw, maxDemandKw);
    }

    public boolean theftHistory() {
        return confirmedThefts > 0;
    }

    /** That the customer was removed from the master at {@code tsMillis}. */
    public static CustomerStanding removal(String customerId, String areaId, long tsMillis) {
        return new CustomerStanding(
                customerId,
                areaId,
                null,
                tsMillis,
                false,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                0,
                false,
                0,
                InspectionPlan.NONE,
                false,
                OffpeakOffer.NONE,
                0,
                0,
                Double.NaN,
                new String[0],
                BasicChargeAdvice.NONE,
                true);
    }
}
