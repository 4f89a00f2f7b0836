package org.gridwatch.core.whatif;

import org.gridwatch.core.event.CustomerClass;

/**
 * One customer under one scenario, against today's tariff over the same history.
 *
 * @param inScenario the customer's class is one the scenario applies to
 * @param optedIn the customer takes the scenario's tariff (in its classes and in its opt-in)
 * @param beforeFen today's bills over the history
 * @param afterFen the bills under the scenario (today's for those who do not take it)
 * @param incentiveFen the shift incentive paid to the customer
 * @param peakBeforeMicroKwh energy in the scenario tariff's peak and critical-peak half hours,
 *     today
 * @param movedMicroKwh energy moved out of those half hours, against the customer's own baseline
 * @param after the months after the response (the signature's own months without one)
 */
public record CustomerOutcome(
        String scenario,
        String customerId,
        CustomerClass customerClass,
        String segment,
        boolean inScenario,
        boolean optedIn,
        long beforeFen,
        long afterFen,
        long incentiveFen,
        long kwhBeforeMicro,
        long kwhAfterMicro,
        long peakBeforeMicroKwh,
        long peakAfterMicroKwh,
        long movedMicroKwh,
        MonthLoad[] after) {

    /** What the customer pays more (less, if negative) under the scenario, incentive deducted. */
    public long billChangeFen() {
        return afterFen - incentiveFen - beforeFen;
    }
}
