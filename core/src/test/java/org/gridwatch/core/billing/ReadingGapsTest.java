package org.gridwatch.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quarter hours are numbered from the month's start; registers are plain numbers here. */
class ReadingGapsTest {

    @Test
    void aLateReadingInsideAGapSplitsItAndEachHalfKeepsTheRegisterAtItsEdges() {
        ReadingGaps gaps = new ReadingGaps();
        gaps.add(0, 1, 100, 110); // quarter 0: register 100 → 110
        gaps.add(9, 10, 190, 200); // quarter 9: the gap 1–9 went from 110 to 190

        assertThat(gaps.add(4, 5, 140, 150)).isTrue(); // quarter 4 comes late

        assertThat(gaps.count).isEqualTo(2);
        assertThat(new int[] {gaps.from[0], gaps.to[0], gaps.from[1], gaps.to[1]})
                .containsExactly(1, 4, 5, 9);
        assertThat(gaps.registerBefore).startsWith(110, 150);
        assertThat(gaps.registerAfter).startsWith(140, 190);
        assertThat(gaps.backwards).isFalse();
    }

    @Test
    void aReadingThatClosesAGapExactlyRemovesIt() {
        ReadingGaps gaps = new ReadingGaps();
        gaps.add(0, 1, 100, 110);
        gaps.add(2, 3, 120, 130);

        gaps.add(1, 2, 110, 120);

        assertThat(gaps.count).isZero();
        assertThat(gaps.first).isZero();
        assertThat(gaps.end).isEqualTo(3);
    }

    @Test
    void anEarlierReadingOpensAGapBeforeTheFirst() {
        ReadingGaps gaps = new ReadingGaps();
        gaps.add(8, 12, 200, 240);

        gaps.add(0, 4, 150, 190);

        assertThat(gaps.first).isZero();
        assertThat(gaps.firstRegister).isEqualTo(150);
        assertThat(gaps.count).isEqualTo(1);
        assertThat(gaps.registerBefore[0]).isEqualTo(190);
        assertThat(gaps.registerAfter[0]).isEqualTo(200);
    }

    @Test
    void refusesAReadingThatOverlapsOneAlreadyNoted() {
        ReadingGaps gaps = new ReadingGaps();
        gaps.add(0, 4, 100, 140); // an hourly reading

        assertThat(gaps.add(2, 3, 120, 130)).isFalse(); // a quarter hour inside it
        assertThat(gaps.add(3, 5, 130, 150)).isFalse(); // straddling its end
        assertThat(gaps.end).isEqualTo(4);
    }

    @Test
    void notesReadingsThatMeetWithTheRegisterRunningBackwards() {
        ReadingGaps gaps = new ReadingGaps();
        gaps.add(0, 1, 100, 110);

        gaps.add(1, 2, 0, 10); // a new meter, starting at 0

        assertThat(gaps.backwards).isTrue();
    }
}
