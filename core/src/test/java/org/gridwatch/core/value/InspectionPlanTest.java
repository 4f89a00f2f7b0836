package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridwatch.core.event.Segment;
import org.junit.jupiter.api.Test;

class InspectionPlanTest {
    private static final long DAY = 86_400_000L;
    private static final InspectionPlan PLAN = InspectionPlan.DEFAULTS;
    private static final long LAST = 1_000 * DAY;
    private static final long NOW = 1_010 * DAY;

    @Test
    void aRecentThiefIsInspectedAQuarterAfterTheLatestVisit() {
        assertThat(PLAN.nextMillis(Segment.LOW_RISKY, 1, true, LAST, InspectionPlan.NONE, NOW))
                .isEqualTo(LAST + 90 * DAY);
    }

    @Test
    void anOlderTheftHalfAYearAndLowRiskyAYearTheShortestWins() {
        assertThat(PLAN.nextMillis(Segment.HIGH, 2, false, LAST, InspectionPlan.NONE, NOW))
                .isEqualTo(LAST + 180 * DAY);
        assertThat(PLAN.nextMillis(Segment.LOW_RISKY, 0, false, LAST, InspectionPlan.NONE, NOW))
                .isEqualTo(LAST + 365 * DAY);
        assertThat(PLAN.nextMillis(Segment.LOW_RISKY, 1, false, LAST, InspectionPlan.NONE, NOW))
                .isEqualTo(LAST + 180 * DAY);
    }

    @Test
    void aWatchedCustomerNeverInspectedIsDueAtOnceOthersNever() {
        assertThat(
                        PLAN.nextMillis(
                                Segment.LOW_RISKY,
                                0,
                                false,
                                InspectionPlan.NONE,
                                InspectionPlan.NONE,
                                NOW))
                .isEqualTo(NOW);
        assertThat(PLAN.nextMillis(Segment.MEDIUM, 0, false, LAST, InspectionPlan.NONE, NOW))
                .isEqualTo(InspectionPlan.NONE);
        assertThat(
                        PLAN.nextMillis(
                                Segment.LOW_BASIC,
                                0,
                                false,
                                InspectionPlan.NONE,
                                InspectionPlan.NONE,
                                NOW))
                .isEqualTo(InspectionPlan.NONE);
    }

    @Test
    void aCustomerDueAtOnceKeepsTheDateItWasFirstGivenUntilInspected() {
        long first = 990 * DAY;
        assertThat(PLAN.nextMillis(Segment.LOW_RISKY, 0, false, InspectionPlan.NONE, first, NOW))
                .isEqualTo(first);
        // once inspected, the interval counts from the visit
        assertThat(PLAN.nextMillis(Segment.LOW_RISKY, 0, false, LAST, first, NOW))
                .isEqualTo(LAST + 365 * DAY);
    }

    @Test
    void refusesNonPositiveIntervals() {
        assertThatThrownBy(() -> new InspectionPlan(0, 180, 365))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
