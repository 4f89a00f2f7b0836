package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AreaTheftScoresTest {

    /**
     * By hand: of 0.1, 0.25, 0.4999, 0.5 and 0.93, the watch (0.25 up to under 0.5) holds 0.25 and
     * 0.4999, the suspected (0.5 or more) 0.5 and 0.93; the highest 0.93.
     */
    @Test
    void countsTheAreasCustomersByBand() {
        AreaTheftScores day = AreaTheftScores.of(List.of(0.1, 0.25, 0.4999, 0.5, 0.93));
        assertThat(day).isEqualTo(new AreaTheftScores(5, 2, 2, 0.93));
        assertThat(day.point("A 01", 1_768_838_400_000L).toLineProtocol())
                .isEqualTo(
                        "theft_scores,area=A\\ 01 customers=5i,watch=2i,suspected=2i,"
                                + "max_score=0.93 1768838400000");
    }

    /**
     * A utility's own alert score of 0.8: of 0.1, 0.399, 0.4, 0.5, 0.7999, 0.8 and 0.93, the watch
     * (0.4, half of it, up to under 0.8) holds 0.4, 0.5 and 0.7999, the suspected 0.8 and 0.93.
     */
    @Test
    void theBandsFollowTheUtilitysOwnAlertScore() {
        assertThat(AreaTheftScores.of(List.of(0.1, 0.399, 0.4, 0.5, 0.7999, 0.8, 0.93), 0.8))
                .isEqualTo(new AreaTheftScores(7, 3, 2, 0.93));
    }

    @Test
    void anAreaWithNoScoreYetCountsZero() {
        assertThat(AreaTheftScores.of(List.of(0.0, 0.0)).point("A1", 0).toLineProtocol())
                .isEqualTo(
                        "theft_scores,area=A1 customers=2i,watch=0i,suspected=0i,max_score=0.0 0");
    }
}
