package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.gridwatch.core.event.TheftScore;
import org.junit.jupiter.api.Test;

/** Each customer's last theft score, emitted once when the input ends. */
class LastTheftScoreTest {
    private static final long DAY = 86_400_000L;

    @Test
    void eachCustomersLatestScoreComesOutWhenTheInputEnds() throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new LastTheftScore()),
                        TheftScore::customerId,
                        Types.STRING)) {
            h.open();
            h.processElement(new TheftScore("C1", "A1", 10 * DAY, 0.0, null), 10 * DAY);
            h.processElement(new TheftScore("C1", "A1", 40 * DAY, 0.62, "theft:C1:x"), 40 * DAY);
            h.processElement(new TheftScore("C2", "A1", 12 * DAY, 0.05, null), 12 * DAY);
            // C1 moved to A2 at day 50; A1's case was over, A2 starts it at 0
            h.processElement(new TheftScore("C1", "A2", 51 * DAY, 0.0, null), 51 * DAY);
            // a record of an earlier instant, come late (another area's task): not its score now
            h.processElement(new TheftScore("C2", "A3", 11 * DAY, 0.4, null), 11 * DAY);
            // two at one instant: the larger area id, whichever came first
            h.processElement(new TheftScore("C3", "A5", 20 * DAY, 0.2, null), 20 * DAY);
            h.processElement(new TheftScore("C3", "A4", 20 * DAY, 0.3, null), 20 * DAY);
            assertThat(scores(h)).as("nothing before the input ends").isEmpty();

            h.processWatermark(new Watermark(Long.MAX_VALUE));

            assertThat(scores(h))
                    .containsExactlyInAnyOrder(
                            new TheftScore("C1", "A2", 51 * DAY, 0.0, null),
                            new TheftScore("C2", "A1", 12 * DAY, 0.05, null),
                            new TheftScore("C3", "A5", 20 * DAY, 0.2, null));
        }
    }

    private static List<TheftScore> scores(
            KeyedOneInputStreamOperatorTestHarness<String, TheftScore, TheftScore> h) {
        List<TheftScore> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                out.add((TheftScore) r.getValue());
            }
        }
        return out;
    }
}
