package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.Feature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClassPeersTest {
    private static final long CLOSES = 1_000_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, DayReport, DayReport> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ClassPeers(), DayReport::customerClass, Types.STRING);
    }

    private static DayReport day(String customer, double levelZ, long closes) {
        double[] z = new double[Feature.COUNT];
        z[Feature.LEVEL.ordinal()] = levelZ;
        return new DayReport(
                customer,
                "M" + customer,
                "A" + customer.charAt(1),
                "NON_RESIDENTIAL_LIGHTING",
                20,
                closes,
                true,
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
        // nine lighting customers across areas, LEVEL z 9, 8, … 1 (out of order): median 5
        for (int i = 9; i >= 1; i--) {
            harness.processElement(day("C" + i, i, CLOSES), CLOSES);
        }
        harness.processWatermark(new Watermark(CLOSES - 1));
        assertThat(harness.extractOutputValues()).as("not before the close").isEmpty();

        harness.processWatermark(new Watermark(CLOSES));

        List<DayReport> out = harness.extractOutputValues();
        assertThat(out).extracting(DayReport::customerId).startsWith("C1", "C2").hasSize(9);
        assertThat(out)
                .allSatisfy(
                        d -> assertThat(d.classMedianZ()[Feature.LEVEL.ordinal()]).isEqualTo(5));
        assertThat(harness.numKeyedStateEntries()).as("nothing kept").isZero();
    }

    @Test
    void aDayBehindEventTimeGoesOnAtTheNextMillisecond() throws Exception {
        harness.processWatermark(new Watermark(CLOSES + 10));
        harness.processElement(day("C1", 3, CLOSES), CLOSES);
        harness.processWatermark(new Watermark(CLOSES + 11));

        // alone: too few for a median
        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(d -> assertThat(d.classMedianZ()).isNull());
    }
}
