package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.gridwatch.jobs.Fixtures.at;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.jobs.io.Arrival;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counting in the source's task: one count per quarter hour and reason, before the watermark. */
class IngestPreCountsTest {
    private OneInputStreamOperatorTestHarness<Arrival<String>, IngestCount> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new IngestPreCounts<>("meter-readings"));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static Arrival<String> usable(long t, boolean late) {
        Arrival<String> a = new Arrival<>();
        a.value = "r";
        a.eventMillis = t;
        a.late = late;
        return a;
    }

    private static Arrival<String> rejected(long t, RejectReason reason) {
        Arrival<String> a = new Arrival<>();
        a.reason = reason;
        a.eventMillis = t;
        return a;
    }

    private void read(Arrival<String> a) throws Exception {
        harness.processElement(new StreamRecord<>(a));
    }

    /** The output in order, counts as (quarter, records, late, reason, rejections), watermarks. */
    private List<Object> output() {
        List<Object> out = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof IngestCount c) {
                out.add(tuple(c.eventMillis(), c.records(), c.late(), c.reason(), c.rejections()));
            } else if (o instanceof Watermark w) {
                out.add(w.getTimestamp());
            }
        }
        return out;
    }

    @Test
    void sendsOneCountPerQuarterHourAndReasonJustBeforeTheWatermark() throws Exception {
        long q8 = at("2026-01-15T08:00");
        read(usable(at("2026-01-15T08:05"), false));
        read(usable(at("2026-01-15T08:10"), true));
        read(rejected(at("2026-01-15T08:14"), RejectReason.NOT_JSON));
        read(usable(at("2026-01-15T08:20"), false));
        read(rejected(at("2026-01-15T08:01"), RejectReason.NOT_JSON));
        assertThat(harness.getOutput()).as("nothing before the watermark").isEmpty();

        harness.processWatermark(at("2026-01-15T08:16"));

        // By hand: 08:00 has two usable records (one late) and two NOT_JSON; 08:15 one usable.
        assertThat(output())
                .containsExactly(
                        tuple(q8, 2L, 1L, null, 0L),
                        tuple(q8, 2L, 0L, RejectReason.NOT_JSON, 2L),
                        tuple(at("2026-01-15T08:15"), 1L, 0L, null, 0L),
                        at("2026-01-15T08:16"));
    }

    @Test
    void sendsItsCountsBeforeACheckpointBarrierAndAtTheEnd() throws Exception {
        read(usable(at("2026-01-15T08:05"), false));
        harness.prepareSnapshotPreBarrier(1);
        assertThat(output()).containsExactly(tuple(at("2026-01-15T08:00"), 1L, 0L, null, 0L));

        read(usable(at("2026-01-15T08:05"), false));
        harness.endInput();
        harness.getOperator().finish();
        assertThat(output()).hasSize(2);
    }

    @Test
    void dealsItsCountsOverTheShardsButKeepsRecordsWithoutEventTimeInTheFirst() throws Exception {
        read(usable(Long.MIN_VALUE, false)); // a customer master record
        for (int i = 0; i < 3; i++) {
            read(usable(at("2026-01-15T08:00") + i * 15 * 60_000L, false));
        }
        harness.processWatermark(at("2026-01-15T09:00"));
        List<IngestCount> counts = harness.extractOutputValues();
        assertThat(counts).hasSize(4);
        assertThat(counts.get(0).shard()).isZero();
        assertThat(counts.subList(1, 4))
                .extracting(IngestCount::shard)
                .doesNotHaveDuplicates()
                .allSatisfy(s -> assertThat(s).isBetween(0, Shards.COUNT - 1));
    }

    @Test
    void anIdleInputSendsItsCountsBeforeSayingSo() throws Exception {
        read(usable(at("2026-01-15T08:05"), false));
        harness.processWatermarkStatus(
                org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus.IDLE);
        assertThat(harness.extractOutputValues()).hasSize(1);
    }
}
