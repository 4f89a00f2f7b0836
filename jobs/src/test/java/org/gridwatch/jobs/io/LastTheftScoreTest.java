package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.gridwatch.core.event.TheftScore;
import org.gridwatch.jobs.types.SharedIds;
import org.junit.jupiter.api.Test;

/**
 * Each customer's last theft score, emitted once when the input ends; also from a savepoint of
 * c6b0c1d, which kept a timer at the end of time for each customer ({@code
 * last-theft-score-c6b0c1d.snapshot}: that commit's {@code LastTheftScore} in a {@code
 * KeyedProcessOperator}, keyed by the score's customer id, given the first four scores of {@link
 * #eachCustomersLatestScoreComesOutWhenTheInputEnds} and a snapshot at day 41; 3 entries, 3
 * timers).
 */
class LastTheftScoreTest {
    private static final long DAY = 86_400_000L;

    @Test
    void eachCustomersLatestScoreComesOutWhenTheInputEnds() throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new LastTheftScore(), TheftScore::customerId, Types.STRING)) {
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

            h.endInput();

            assertThat(scores(h))
                    .containsExactlyInAnyOrder(
                            new TheftScore("C1", "A2", 51 * DAY, 0.0, null),
                            new TheftScore("C2", "A1", 12 * DAY, 0.05, null),
                            new TheftScore("C3", "A5", 20 * DAY, 0.2, null));
            assertThat(h.getOutput())
                    .allSatisfy(
                            o ->
                                    assertThat(((StreamRecord<?>) o).getTimestamp())
                                            .as("stamped at the end of time, as a timer there was")
                                            .isEqualTo(Long.MAX_VALUE));
        }
    }

    /**
     * What is kept of a score holds the copies of its ids every operator shares, not the ones the
     * score came with: the customer's the key's, the area's the shared one.
     */
    @Test
    void keepsTheSharedCopiesOfTheScoresIds() throws Exception {
        String customer = SharedIds.shared(new String("C-44001"));
        String area = SharedIds.shared(new String("A-44001"));
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new LastTheftScore(),
                        SharedIds.keyOf(TheftScore::customerId),
                        SharedIds.KEY)) {
            h.open();
            TheftScore arrived =
                    new TheftScore(new String("C-44001"), new String("A-44001"), DAY, 0.3, null);
            h.processElement(arrived, DAY);
            h.endInput();

            TheftScore kept = scores(h).get(0);
            assertThat(kept).isEqualTo(arrived);
            assertThat(kept.customerId()).isSameAs(customer).isNotSameAs(arrived.customerId());
            assertThat(kept.areaId()).isSameAs(area).isNotSameAs(arrived.areaId());
        }
    }

    @Test
    void aSavepointWithATimerACustomerGoesOnAsIfNeverStopped() throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new LastTheftScore(), TheftScore::customerId, Types.STRING)) {
            h.initializeState(
                    OperatorSnapshotUtil.readStateHandle(
                            Objects.requireNonNull(
                                            getClass()
                                                    .getResource(
                                                            "/legacy-state/last-theft-score-c6b0c1d.snapshot"))
                                    .getPath()));
            h.open();
            h.processElement(new TheftScore("C1", "A2", 51 * DAY, 0.0, null), 51 * DAY);
            h.processElement(new TheftScore("C2", "A3", 11 * DAY, 0.4, null), 11 * DAY);
            // the end of event time, where the restored timers lie: nothing asks for them
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(scores(h)).as("only the input's end emits").isEmpty();

            h.endInput();

            assertThat(scores(h))
                    .containsExactlyInAnyOrder(
                            new TheftScore("C1", "A2", 51 * DAY, 0.0, null),
                            new TheftScore("C2", "A1", 12 * DAY, 0.05, null),
                            new TheftScore("C3", "A4", 20 * DAY, 0.3, null));
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
