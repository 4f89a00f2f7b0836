package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.junit.jupiter.api.Test;

class AreaBalanceTest {
    private static final long DAY0 = 20_000;

    private static final List<AreaBalance.Suspect> AREA =
            List.of(new AreaBalance.Suspect("C1", 0.7), new AreaBalance.Suspect("C2", 0.06));

    /**
     * An area at a steady 5% loss for 20 days (its spread 0, so the floor of 0.5 points counts),
     * then 15%: 20 spreads a day, counted as 6, smoothed at 0.3: 1.8, then 3.06; summed less 0.5 a
     * day: 5.5, then 11, worth 3 × 11 / 8 = 4.125 spreads of smoothed excess — the score 1 / (1 +
     * e^(−1.5 × (4.125 − 3))) = 0.844 passes 0.5 on the second day (the first: 3 × 5.5 / 8 = 2.06,
     * 0.197).
     */
    @Test
    void aLossWellAboveTheAreasUsualOpensAnAlertNamingItsLikeliestThieves() {
        AreaBalance b = new AreaBalance();
        for (int d = 0; d < 20; d++) {
            assertThat(b.onDay("A1", DAY0 + d, 0, 1000, 950, 2, AREA)).isNull();
        }
        assertThat(b.onDay("A1", DAY0 + 20, 0, 1000, 850, 2, AREA)).isNull();
        Alert alert = b.onDay("A1", DAY0 + 21, 0, 1000, 850, 2, AREA);
        assertThat(alert).isNotNull();
        assertThat(alert.type()).isEqualTo(AlertType.AREA_LOSS);
        assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.score()).isEqualTo(0.844);
        assertThat(alert.evidence().get("excessSpreads")).isEqualTo(3.06);
        assertThat(alert.evidence().get("sustainedSpreads")).isEqualTo(11.0);
        assertThat(alert.alertId()).startsWith("area-loss:A1:");
        assertThat(alert.evidence().get("lossPct")).isEqualTo(15.0);
        assertThat(alert.evidence().get("suspects")).isEqualTo("C1 0.70, C2 0.06");
    }

    /**
     * A small rise that lasts: 5% for 20 days, then 6%, 2 spreads (the floor of 0.5 points) on its
     * first day. The usual loss learns it at 1/(n + 1) a day, so the j-th day at 6% is 2 × 20 / (20
     * + j) spreads above it: 2, 1.905, 1.818, 1.739, 1.667, 1.6, 1.538 (its spread stays under the
     * floor: 0.26 points by then). Smoothed at 0.3 that never reaches 1.6 spreads, and alone never
     * opened an alert; summed less 0.5 a day it is 8.767 on the seventh day (> 8): 3 × 8.767 / 8 =
     * 3.288 spreads, the score 0.606.
     */
    @Test
    void aSmallRiseThatLastsOpensAnAlertBySummingIt() {
        AreaBalance b = new AreaBalance();
        for (int d = 0; d < 20; d++) {
            assertThat(b.onDay("A1", DAY0 + d, 0, 1000, 950, 2, AREA)).isNull();
        }
        for (int d = 20; d < 26; d++) {
            assertThat(b.onDay("A1", DAY0 + d, 0, 1000, 940, 2, AREA)).as("day " + d).isNull();
        }
        Alert alert = b.onDay("A1", DAY0 + 26, 0, 1000, 940, 2, AREA);
        assertThat(alert).isNotNull();
        assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.score()).isEqualTo(0.606);
        assertThat(alert.evidence().get("excessSpreads")).isEqualTo(1.52);
        assertThat(alert.evidence().get("sustainedSpreads")).isEqualTo(8.77);
    }

    /**
     * Missing readings are not loss: a day with fewer than 98% of the usual meters is not judged.
     */
    @Test
    void aDayWithMetersMissingIsNotJudged() {
        AreaBalance b = new AreaBalance();
        for (int d = 0; d < 20; d++) {
            b.onDay("A1", DAY0 + d, 0, 1000, 950, 100, AREA);
        }
        for (int d = 20; d < 30; d++) {
            assertThat(b.onDay("A1", DAY0 + d, 0, 1000, 600, 97, AREA)).isNull();
        }
        assertThat(b.excess).isZero();
    }
}
