package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.Feature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The class median across the fleet in its three steps: each shard's deviations ({@link
 * ClassDeviations}), merged per class ({@link ClassMedians}), told to each day keyed by area
 * ({@link ClassPeers}), wired as the job wires them.
 */
class ClassPeersTest {
    private static final long CLOSES = 1_000_000L;
    private static final int LEVEL = Feature.LEVEL.ordinal();

    private TwoPhases<DayReport, ClassSketch, ClassMedian> medians;
    private KeyedBroadcastOperatorTestHarness<String, DayReport, ClassMedian, DayReport> peers;
    private int mediansSent;

    @BeforeEach
    void open() throws Exception {
        medians =
                new TwoPhases<>(
                        new ClassDeviations(),
                        ClassDeviations::key,
                        new ClassMedians(),
                        ClassSketch::dayKey);
        peers =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new ClassPeers(), DayReport::areaId, Types.STRING, ClassPeers.MEDIANS);
    }

    private void add(DayReport day, long timestamp) throws Exception {
        medians.add(day, timestamp);
        peers.processElement(day, timestamp);
    }

    private void watermark(long w) throws Exception {
        medians.watermark(w);
        List<ClassMedian> sent = medians.output();
        for (int i = mediansSent; i < sent.size(); i++) {
            peers.processBroadcastElement(new StreamRecord<>(sent.get(i), w));
        }
        mediansSent = sent.size();
        peers.processWatermark(w);
        peers.processBroadcastWatermark(w);
    }

    private List<DayReport> out() {
        return peers.extractOutputValues();
    }

    private static DayReport day(String customer, String cls, double levelZ, long closes) {
        return day(customer, cls, levelZ, closes, true);
    }

    private static DayReport day(
            String customer, String cls, double levelZ, long closes, boolean scored) {
        double[] z = new double[Feature.COUNT];
        z[LEVEL] = levelZ;
        return new DayReport(
                customer,
                "M" + customer,
                "A" + customer.charAt(1),
                cls,
                20,
                closes,
                scored,
                z,
                new double[Feature.COUNT],
                new float[Feature.COUNT],
                1,
                1,
                0,
                false,
                false,
                false,
                false);
    }

    @Test
    void aClassesDaysWaitForTheirCloseAndGoOnWithTheClassMedian() throws Exception {
        // nine lighting customers across areas and shards, LEVEL z 9, 8, … 1 (out of order):
        // median 5
        for (int i = 9; i >= 1; i--) {
            add(day("C" + i, "NON_RESIDENTIAL_LIGHTING", i, CLOSES), CLOSES);
        }
        watermark(CLOSES - 1);
        assertThat(out()).as("not before the close").isEmpty();

        watermark(CLOSES);

        assertThat(out()).extracting(DayReport::customerId).hasSize(9);
        assertThat(out()).allSatisfy(d -> assertThat(d.classMedianZ()[LEVEL]).isEqualTo(5));
        assertThat(medians.partials().size()).as("one histogram a shard").isBetween(2, 9);
        assertThat(medians.keyedStateEntries()).as("nothing kept").isZero();
    }

    @Test
    void eachClassHasItsOwnMedianAndTooFewJudgedHaveNone() throws Exception {
        // eight households 1..8: (4 + 5) / 2; seven shops judged and one not: too few
        for (int i = 1; i <= 8; i++) {
            add(day("H" + i, "RESIDENTIAL", i, CLOSES), CLOSES);
            add(day("S" + i, "COMMERCIAL", i, CLOSES, i != 8), CLOSES);
        }
        watermark(CLOSES);

        assertThat(out()).hasSize(16);
        assertThat(out())
                .filteredOn(d -> d.customerClass().equals("RESIDENTIAL"))
                .allSatisfy(d -> assertThat(d.classMedianZ()[LEVEL]).isEqualTo(4.5));
        assertThat(out())
                .filteredOn(d -> d.customerClass().equals("COMMERCIAL"))
                .allSatisfy(d -> assertThat(d.classMedianZ()).isNull());
    }

    @Test
    void aDayBehindEventTimeGoesOnAtTheNextMillisecondWithoutAMedian() throws Exception {
        for (int i = 1; i <= 9; i++) {
            add(day("C" + i, "NON_RESIDENTIAL_LIGHTING", i, CLOSES), CLOSES);
        }
        watermark(CLOSES + 10);
        add(day("C0", "NON_RESIDENTIAL_LIGHTING", 3, CLOSES), CLOSES);
        watermark(CLOSES + 11);

        assertThat(out()).hasSize(10);
        assertThat(out().get(9).customerId()).isEqualTo("C0");
        assertThat(out().get(9).classMedianZ()).isNull();
        assertThat(medians.keyedStateEntries()).as("counted in no median").isZero();
    }

    @Test
    void aDayGetsItsMedianWhenTheMediansRunDaysAheadOfIt() throws Exception {
        // The medians' input runs ahead of the days' (here: four days' medians before the days'
        // watermark reaches the first close), as it does when the days' channel is backpressured.
        long day = 86_400_000L;
        for (int d = 0; d < 4; d++) {
            for (int i = 1; i <= 8; i++) {
                add(day("C" + i, "RESIDENTIAL", i + d, CLOSES + d * day), CLOSES + d * day);
            }
            medians.watermark(CLOSES + d * day);
        }
        List<ClassMedian> sent = medians.output();
        assertThat(sent).hasSize(4);
        for (ClassMedian m : sent) {
            peers.processBroadcastElement(new StreamRecord<>(m, m.closedAtMillis()));
        }
        peers.processBroadcastWatermark(CLOSES + 3 * day);

        peers.processWatermark(CLOSES + 3 * day);

        // the eight days of each date get their date's median: (4 + 5) / 2 + d
        assertThat(out()).hasSize(32);
        for (DayReport d : out()) {
            int date = (int) ((d.closedAtMillis() - CLOSES) / day);
            assertThat(d.classMedianZ()).as("the median of day %d", date).isNotNull();
            assertThat(d.classMedianZ()[LEVEL]).isEqualTo(4.5 + date);
        }
    }

    @Test
    void aMedianIsForgottenOnceEventTimeHasPassedItsClose() throws Exception {
        long day = 86_400_000L;
        for (int d = 0; d < 4; d++) {
            for (int i = 1; i <= 8; i++) {
                add(day("C" + i, "RESIDENTIAL", i, CLOSES + d * day), CLOSES + d * day);
            }
            watermark(CLOSES + d * day);
        }
        // each median came after event time had passed the closes before it: only the last is kept
        assertThat(peers.getBroadcastState(ClassPeers.MEDIANS).entries())
                .extracting(e -> e.getKey())
                .containsExactly("RESIDENTIAL@" + (CLOSES + 3 * day));
        assertThat(out()).hasSize(32).allSatisfy(d -> assertThat(d.classMedianZ()).isNotNull());
    }

    @Test
    void aDepartureGoesOnToTheAreaAndCountsInNoMedian() throws Exception {
        // eight residents at LEVEL z 1..8 (median 4.5), and a ninth leaving the area meanwhile
        for (int i = 1; i <= 8; i++) {
            add(day("C" + i, "RESIDENTIAL", i, CLOSES), CLOSES);
        }
        DayReport left =
                DayReport.leaving("C9", "MC9", "A9", "RESIDENTIAL", 20, CLOSES, "moved to area A1");
        add(left, CLOSES);
        watermark(CLOSES);

        assertThat(out()).hasSize(9);
        assertThat(out())
                .filteredOn(DayReport::isDeparture)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.customerId()).isEqualTo("C9");
                            assertThat(d.departure()).isEqualTo("moved to area A1");
                        });
        assertThat(out())
                .filteredOn(d -> !d.isDeparture())
                .allSatisfy(d -> assertThat(d.classMedianZ()[LEVEL]).isEqualTo(4.5));
    }
}
