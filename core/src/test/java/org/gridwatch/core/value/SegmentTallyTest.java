package org.gridwatch.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Segment;
import org.junit.jupiter.api.Test;

class SegmentTallyTest {

    @Test
    void countsCustomersAndRevenuePerCellAndAddsThemUpBySegmentAndByGrade() {
        SegmentTally tally = new SegmentTally();
        tally.add(Segment.HIGH, CreditGrade.A, 1_000);
        tally.add(Segment.HIGH, CreditGrade.B, 500);
        tally.add(Segment.LOW_RISKY, CreditGrade.C, 800);
        tally.remove(Segment.HIGH, CreditGrade.B, 500); // moved ...
        tally.add(Segment.MEDIUM, CreditGrade.B, 500); // ... here

        assertThat(tally.customers(Segment.HIGH)).isEqualTo(1);
        assertThat(tally.customers(Segment.MEDIUM)).isEqualTo(1);
        assertThat(tally.customers(CreditGrade.B)).isEqualTo(1);
        assertThat(tally.customers(CreditGrade.C)).isEqualTo(1);
        assertThat(tally.revenueFen[SegmentTally.cell(Segment.HIGH, CreditGrade.B)]).isZero();

        SegmentTally fleet = new SegmentTally();
        fleet.addAll(tally);
        fleet.addAll(tally);
        assertThat(fleet.customers(Segment.HIGH)).isEqualTo(2);
        assertThat(fleet.revenueFen[SegmentTally.cell(Segment.LOW_RISKY, CreditGrade.C)])
                .isEqualTo(1_600);
    }
}
