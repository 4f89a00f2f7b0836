package org.gridwatch.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A customer valued NONE until day 10, MEDIUM until day 40, HIGH since. */
class SegmentHistoryTest {

    private static final long DAY = 86_400_000L;

    private static SegmentHistory noneThenMediumThenHigh() {
        SegmentHistory h = new SegmentHistory();
        h.changed(10 * DAY, "NONE");
        h.changed(40 * DAY, "MEDIUM");
        return h;
    }

    @Test
    void anInstantGetsTheSegmentInForceThenAndAChangeStartsAtItsOwnInstant() {
        SegmentHistory h = noneThenMediumThenHigh();
        assertThat(h.at(0, "HIGH")).isEqualTo("NONE");
        assertThat(h.at(10 * DAY - 1, "HIGH")).isEqualTo("NONE");
        assertThat(h.at(10 * DAY, "HIGH")).isEqualTo("MEDIUM");
        assertThat(h.at(39 * DAY, "HIGH")).isEqualTo("MEDIUM");
        assertThat(h.at(40 * DAY, "HIGH")).isEqualTo("HIGH");
        assertThat(h.at(400 * DAY, "HIGH")).isEqualTo("HIGH");
    }

    @Test
    void withoutEarlierSegmentsEveryInstantIsTheCurrentOnes() {
        SegmentHistory h = new SegmentHistory();
        assertThat(h.isEmpty()).isTrue();
        assertThat(h.at(Long.MIN_VALUE, "LOW")).isEqualTo("LOW");
        assertThat(h.at(5 * DAY, "LOW")).isEqualTo("LOW");
    }

    @Test
    void forgottenSegmentsGiveTheOldestKeptToInstantsBeforeThem() {
        SegmentHistory h = noneThenMediumThenHigh();
        h.forgetEndedBy(10 * DAY - 1);
        assertThat(h.at(5 * DAY, "HIGH")).isEqualTo("NONE");
        h.forgetEndedBy(10 * DAY);
        assertThat(h.at(5 * DAY, "HIGH")).isEqualTo("MEDIUM");
        assertThat(h.at(20 * DAY, "HIGH")).isEqualTo("MEDIUM");
        assertThat(h.at(41 * DAY, "HIGH")).isEqualTo("HIGH");
        h.forgetEndedBy(100 * DAY);
        assertThat(h.isEmpty()).isTrue();
        assertThat(h.at(5 * DAY, "HIGH")).isEqualTo("HIGH");
    }

    @Test
    void aChangeOutOfOrderTakesItsPlaceByItsInstant() {
        SegmentHistory h = new SegmentHistory();
        h.changed(40 * DAY, "MEDIUM");
        h.changed(10 * DAY, "NONE");
        assertThat(h.at(5 * DAY, "HIGH")).isEqualTo("NONE");
        assertThat(h.at(20 * DAY, "HIGH")).isEqualTo("MEDIUM");
        assertThat(h.at(40 * DAY, "HIGH")).isEqualTo("HIGH");
    }
}
