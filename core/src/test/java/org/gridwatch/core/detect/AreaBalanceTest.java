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
     * then 15%: 20 spreads a day, counted as 6, smoothed at 0.3: 1.8, 3.06, 3.94 — the score 1 / (1
     * + e^(−1.5 × (excess − 3))) passes 0.5 on the third day.
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
        assertThat(alert.score()).isEqualTo(0.522);
        assertThat(alert.evidence().get("excessSpreads")).isEqualTo(3.06);
        assertThat(alert.alertId()).startsWith("area-loss:A1:");
        assertThat(alert.evidence().get("lossPct")).isEqualTo(15.0);
        assertThat(alert.evidence().get("suspects")).isEqualTo("C1 0.70, C2 0.06");
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
