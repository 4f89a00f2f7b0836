package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.core.value.ServiceStrategy.*;

import org.gridwatch.core.event.Segment;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    static final Strategies STRATEGIES = Strategies.DEFAULTS;

    @Test
    void highCustomersGetAnAccountManagerTheVipChannelAndOutageNoticesFirst() {
        assertThat(STRATEGIES.forCustomer(Segment.HIGH, false, 0))
                .containsExactly(ACCOUNT_MANAGER, VIP_CHANNEL, OUTAGE_NOTICE_FIRST);
    }

    @Test
    void mediumCustomersGetTheHotlineAndAnOffPeakOffer() {
        assertThat(STRATEGIES.forCustomer(Segment.MEDIUM, false, 0))
                .containsExactly(HOTLINE_95598, OFFPEAK_DISCOUNT_OFFER);
    }

    @Test
    void lowRiskyCustomersGetAPrepaidMeterAndCollectionFollowUp() {
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, false, 0))
                .containsExactly(PREPAID_METER, COLLECTION_FOLLOWUP);
    }

    @Test
    void lowRiskyCustomersWithTheftHistoryAreAlsoInspectedPeriodically() {
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, true, 0))
                .containsExactly(PREPAID_METER, COLLECTION_FOLLOWUP, PERIODIC_INSPECTION);
    }

    @Test
    void lowBasicCustomersGetBasicSupplyOnly() {
        assertThat(STRATEGIES.forCustomer(Segment.LOW_BASIC, false, 0))
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
        assertThat(STRATEGIES.forCustomer(Segment.LOW_RISKY, true, 75))
                .containsExactly(
                        PREPAID_METER, COLLECTION_FOLLOWUP, PERIODIC_INSPECTION, RESTRICTION);
        assertThat(STRATEGIES.forCustomer(Segment.LOW_BASIC, false, 95))
                .containsExactly(BASIC_SUPPLY, DISCONNECTION_NOTICE);
    }
}
