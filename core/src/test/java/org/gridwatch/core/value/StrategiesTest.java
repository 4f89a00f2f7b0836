package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.core.value.ServiceStrategy.*;

import org.gridwatch.core.event.Segment;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    static final Strategies STRATEGIES = Strategies.DEFAULTS;

    @Test
    void highCustomersGetAnAccountManagerTheVipChannelAndOutageNoticesFirst() {
        assertThat(STRATEGIES.forCustomer(Segment.HIGH, 0, false, 0, false, true, false))
                .containsExactly(ACCOUNT_MANAGER, VIP_CHANNEL, OUTAGE_NOTICE_FIRST);
    }

    @Test
    void mediumCustomersGetTheHotlineAndAnOffPeakOffer() {
        assertThat(STRATEGIES.forCustomer(Segment.MEDIUM, 0, false, 0, false, true, false))
                .containsExactly(HOTLINE_95598, OFFPEAK_DISCOUNT_OFFER);
    }

    @Test
    void theOffPeakOfferGoesOnlyToMediumCustomersItWouldSave() {
        // A MEDIUM customer already on time-of-use, or whom the variant would cost more, has
        // nothing to be offered: the hotline stays, the offer goes.
        assertThat(STRATEGIES.forCustomer(Segment.MEDIUM, 0, false, 0, false, false, false))
                .containsExactly(ServiceStrategy.HOTLINE_95598);
        // Worth offering does not make a HIGH or LOW_BASIC customer an off-peak target (the
        // paper's grid gives the off-peak push to MEDIUM).
        assertThat(STRATEGIES.forCustomer(Segment.LOW_BASIC, 0, false, 0, false, true, false))
                .containsExactly(ServiceStrategy.BASIC_SUPPLY);
    }

    @Test
    void lowRiskyCustomersGetAPrepaidMeterAndCollectionFollowUp() {
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, 0, false, 0, false, true, false))
                .containsExactly(PREPAID_METER, COLLECTION_FOLLOWUP);
    }

    @Test
    void lowRiskyCustomersWithTheftHistoryAreAlsoInspectedPeriodically() {
        // Long ago: inspected, no more warnings.
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, 1, false, 0, false, true, false))
                .containsExactly(PREPAID_METER, COLLECTION_FOLLOWUP, PERIODIC_INSPECTION);
    }

    @Test
    void lowBasicCustomersGetBasicSupplyOnly() {
        assertThat(STRATEGIES.forCustomer(Segment.LOW_BASIC, 0, false, 0, false, true, false))
                .containsExactly(BASIC_SUPPLY);
    }

    @Test
    void arrearsEscalateFromWarningToRestrictionToDisconnectionNotice() {
        assertThat(STRATEGIES.arrearsStep(29)).isEmpty();
        assertThat(STRATEGIES.arrearsStep(30)).contains(WARNING);
        assertThat(STRATEGIES.arrearsStep(59)).contains(WARNING);
        assertThat(STRATEGIES.arrearsStep(60)).contains(RESTRICTION);
        assertThat(STRATEGIES.arrearsStep(89)).contains(RESTRICTION);
        assertThat(STRATEGIES.arrearsStep(90)).contains(DISCONNECTION_NOTICE);
    }

    @Test
    void onlyTheHighestArrearsStepIsListedAfterTheSegmentsStrategies() {
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, 1, true, 75, false, true, false))
                .containsExactly(
                        PREPAID_METER, COLLECTION_FOLLOWUP, PERIODIC_INSPECTION, RESTRICTION);
        // A first theft is a warning; 75 days in arrears, restriction: the higher.
        assertThat(STRATEGIES.forCustomer(Segment.LOW_BASIC, 0, false, 95, false, true, false))
                .containsExactly(BASIC_SUPPLY, DISCONNECTION_NOTICE);
    }

    @Test
    void repeatTheftClimbsTheLadderWarnRestrictGiveUp() {
        assertThat(Strategies.theftStep(0)).isEmpty();
        assertThat(STRATEGIES.forCustomer(Segment.MEDIUM, 1, true, 0, false, true, false))
                .containsExactly(
                        HOTLINE_95598, OFFPEAK_DISCOUNT_OFFER, PERIODIC_INSPECTION, WARNING);
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, 2, true, 0, false, true, false))
                .containsExactly(
                        PREPAID_METER, COLLECTION_FOLLOWUP, PERIODIC_INSPECTION, RESTRICTION);
        assertThat(STRATEGIES.forCustomer(Segment.LOW_BASIC, 3, true, 0, false, true, false))
                .containsExactly(BASIC_SUPPLY, PERIODIC_INSPECTION, DISCONNECTION_NOTICE);
        assertThat(STRATEGIES.forCustomer(Segment.LOW_BASIC, 7, true, 35, false, true, false))
                .containsExactly(BASIC_SUPPLY, PERIODIC_INSPECTION, DISCONNECTION_NOTICE);
    }

    @Test
    void aPrepaidCustomerIsNeverOfferedAPrepaidMeterNorChasedForArrears() {
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, 0, false, 0, true, true, false))
                .isEmpty();
        // Owing means the balance ran out: a reminder to top up, no arrears steps.
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, 0, false, 95, true, true, false))
                .containsExactly(TOP_UP_REMINDER);
        assertThat(STRATEGIES.forCustomer(Segment.MEDIUM, 0, false, 5, true, true, false))
                .containsExactly(HOTLINE_95598, OFFPEAK_DISCOUNT_OFFER, TOP_UP_REMINDER);
        // Theft is theft, pre-paid or not.
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, 2, true, 0, true, true, false))
                .containsExactly(PERIODIC_INSPECTION, RESTRICTION);
    }
}
