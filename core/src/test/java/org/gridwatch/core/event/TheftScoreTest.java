package org.gridwatch.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a score has moved enough to publish again; the log-odds by hand. */
class TheftScoreTest {
    @Test
    void aHundredthIsAlwaysAMove() {
        assertThat(TheftScore.moved(0.5, 0.51)).isTrue();
        assertThat(TheftScore.moved(0.5, 0.49)).isTrue();
        // ln(0.509/0.491) − 0 = 0.036 nats: neither
        assertThat(TheftScore.moved(0.5, 0.509)).isFalse();
        assertThat(TheftScore.moved(0.5, 0.5)).isFalse();
    }

    /**
     * Low scores move by their odds: ln(0.025/0.975) − ln(0.02/0.98) = −3.6636 + 3.8918 = 0.228
     * &lt; 0.25; ln(0.026/0.974) = −3.6233, 0.268 ≥ 0.25.
     */
    @Test
    void aLowScoreMovesByAQuarterNatOfOdds() {
        assertThat(TheftScore.moved(0.02, 0.025)).isFalse();
        assertThat(TheftScore.moved(0.02, 0.026)).isTrue();
        assertThat(TheftScore.moved(0.026, 0.02)).isTrue();
    }

    /** 0 and 1 count as 0.0005 and 0.9995: 0.001 is ln 2 = 0.69 nats from 0, 0.999 from 1. */
    @Test
    void theEdgesAreHalfAThousandthIn() {
        assertThat(TheftScore.moved(0.0, 0.001)).isTrue();
        assertThat(TheftScore.moved(1.0, 0.999)).isTrue();
        assertThat(TheftScore.moved(0.0, 0.0)).isFalse();
    }

    /** The float a case keeps of a 3-decimal score compares in thousandths. */
    @Test
    void aKeptFloatComparesAsItsThousandths() {
        assertThat(TheftScore.moved(0.027f, 0.027)).isFalse();
        assertThat(TheftScore.moved(0.944f, 0.953)).isFalse(); // 0.185 nats
        assertThat(TheftScore.moved(0.944f, 0.959)).isTrue();
    }
}
