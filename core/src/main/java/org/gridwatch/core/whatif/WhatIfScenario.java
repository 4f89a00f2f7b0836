package org.gridwatch.core.whatif;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.tariff.Tariff;

/**
 * One what-if scenario of a planner's file (docs/whatif.md): a tariff for some classes, who takes
 * it, how customers respond, and an optional payment for energy moved out of the peak.
 *
 * @param name unique in the file, used in every output
 * @param classes the customer classes it applies to; the others keep today's tariff
 * @param tariff the tariff those classes (or those of them who opt in) are priced under
 * @param response the response model of each class in {@code classes}
 * @param optIn who in those classes takes the tariff
 * @param shiftIncentiveCnyPerKwh paid per kWh moved out of the scenario tariff's peak periods
 *     against the customer's own baseline; zero for none
 * @param criticalPeakDays event days announced in advance, {@link CriticalPeakDays#NONE} for none
 */
public record WhatIfScenario(
        String name,
        Set<CustomerClass> classes,
        Tariff tariff,
        Map<CustomerClass, ResponseModel> response,
        OptIn optIn,
        BigDecimal shiftIncentiveCnyPerKwh,
        CriticalPeakDays criticalPeakDays) {

    public WhatIfScenario {
        Objects.requireNonNull(name);
        classes = Set.copyOf(classes);
        Objects.requireNonNull(tariff);
        response = Map.copyOf(response);
        Objects.requireNonNull(optIn);
        Objects.requireNonNull(shiftIncentiveCnyPerKwh);
        Objects.requireNonNull(criticalPeakDays);
    }

    public boolean appliesTo(CustomerClass customerClass) {
        return classes.contains(customerClass);
    }

    public ResponseModel responseOf(CustomerClass customerClass) {
        return response.getOrDefault(customerClass, ResponseModel.NONE);
    }

    public boolean hasShiftIncentive() {
        return shiftIncentiveCnyPerKwh.signum() > 0;
    }

    /**
     * Who takes the scenario's tariff among the customers of its classes.
     *
     * @param kind everyone, a share drawn at random (the same customers on every run), or those who
     *     would pay less at today's load (structural winners)
     * @param share for {@link Kind#SHARE}, the share in (0, 1]
     */
    public record OptIn(Kind kind, double share) {

        public static final OptIn ALL = new OptIn(Kind.ALL, 1);
        public static final OptIn WINNERS = new OptIn(Kind.WINNERS, Double.NaN);

        public enum Kind {
            ALL,
            SHARE,
            WINNERS
        }

        /**
         * Whether a customer of a {@link Kind#SHARE} scenario is in its share: a hash of the
         * scenario and the customer, uniform in [0, 1), below the share — the same answer on every
         * run and every machine, independent between scenarios.
         */
        public boolean drawn(String scenario, String customerId) {
            long h = 1125899906842597L;
            for (char c : (scenario + '\u0000' + customerId).toCharArray()) {
                h = 31 * h + c;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            double u = (h >>> 11) * 0x1.0p-53;
            return u < share;
        }
    }
}
