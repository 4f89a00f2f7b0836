package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.Fixtures.at;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DailyPeakValleyTest {
    private KeyedOneInputStreamOperatorTestHarness<String, QuarterLoad, MetricPoint> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new DailyPeakValley(Duration.ofDays(2).toMillis(), EventTime.DEFAULT_ZONE),
                        q -> DailyPeakValley.KEY,
                        Types.STRING);
    }

    private void add(String quarter, double kwh) throws Exception {
        harness.processElement(new QuarterLoad(at(quarter), Bucket.microKwh(kwh)), at(quarter));
    }

    @Test
    void emitsTheLocalDaysPeakValleyAndRateAtLocalMidnight() throws Exception {
        add("2026-01-15T03:00", 5.0); // 20 kW, the valley
        add("2026-01-15T19:00", 20.0); // 80 kW
        add("2026-01-15T19:00", 5.0); // another area in the same quarter hour: 100 kW, the peak
        add("2026-01-16T00:00", 50.0); // the next day
        harness.processWatermark(at("2026-01-16T00:00") - 1);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.timeMillis()).isEqualTo(at("2026-01-15T00:00"));
                            assertThat(p.field("peak_kw")).isEqualTo(100.0);
                            assertThat(p.field("valley_kw")).isEqualTo(20.0);
                            assertThat(p.field("rate")).isEqualTo(0.8);
                            assertThat(p.field("quarters")).isEqualTo(2);
                        });
    }

    @Test
    void emitsTheDayAgainWhenALateCorrectionArrivesAndForgetsItAfterTheLateness() throws Exception {
        add("2026-01-15T03:00", 5.0);
        add("2026-01-15T19:00", 25.0);
        harness.processWatermark(at("2026-01-16T01:00"));
        add("2026-01-15T03:00", 5.0); // a late reading doubles the night's load: 40 kW
        harness.processWatermark(at("2026-01-16T02:00"));

        assertThat(harness.extractOutputValues())
                .extracting(p -> p.field("valley_kw"))
                .containsExactly(20.0, 40.0);

        harness.processWatermark(at("2026-01-18T00:00"));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
