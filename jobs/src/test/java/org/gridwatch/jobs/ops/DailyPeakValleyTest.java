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

    /** The tariff file's system-peak-valley-gap, that of the presets. */
    private final DailyPeakValley function =
            new DailyPeakValley(Duration.ofDays(2).toMillis(), EventTime.DEFAULT_ZONE, 0.38);

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        function, q -> DailyPeakValley.KEY, Types.STRING);
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

    @Test
    void comparesTheCompleteDaysWithTheConfiguredGapForTheLogAtTheEnd() throws Exception {
        // 15 January, all 96 quarter hours: 5 kWh (20 kW) each but 10 kWh (40 kW) at 19:00,
        // so (40 − 20) / 40 = 50% > 40%, where the setting 0.38 had 3:1 checked
        for (int q = 0; q < 96; q++) {
            String time = String.format("2026-01-15T%02d:%02d", q / 4, q % 4 * 15);
            add(time, q == 19 * 4 ? 10.0 : 5.0);
        }
        // 16 January, two quarter hours only (a replay's last day): 20 and 100 kW, 80%, left out
        add("2026-01-16T03:00", 5.0);
        add("2026-01-16T19:00", 25.0);
        harness.processWatermark(at("2026-01-17T00:00"));

        assertThat(harness.extractOutputValues())
                .extracting(p -> p.field("rate"))
                .containsExactly(0.5, 0.8);
        assertThat(function.gapConcern())
                .get()
                .asString()
                .startsWith(
                        "the daily peak-valley rate of the monitored load reached 50.0% on"
                                + " 2026-01-15 (the highest of 1 day measured)")
                .contains("system-peak-valley-gap is 0.38");
    }
}
