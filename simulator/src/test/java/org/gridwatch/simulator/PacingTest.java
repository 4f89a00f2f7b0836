package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacingTest {

    @Test
    void playsOneSimulatedDayInHalfASecondAtTwoDaysPerSecond() throws Exception {
        SimulationConfig config = SimulationConfig.of(3, 1, 1).withSpeed(2 * 86_400);
        long t0 = System.nanoTime();
        new FleetSimulator(config).run(new RecordingSink(), Progress.NONE);
        assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(0.45);
    }

    @Test
    void reportsProgressWithTheSimulatedTimeReached() throws Exception {
        long[] last = {0, 0};
        int[] calls = {0};
        Progress progress =
                new Progress() {
                    @Override
                    public void update(long records, long simulatedMillis) {
                        assertThat(records).isGreaterThanOrEqualTo(last[0]);
                        assertThat(simulatedMillis).isGreaterThanOrEqualTo(last[1]);
                        last[0] = records;
                        last[1] = simulatedMillis;
                        calls[0]++;
                    }

                    @Override
                    public void finished(long records, long simulatedMillis) {
                        last[0] = records;
                    }
                };
        SimulationSummary s =
                new FleetSimulator(SimulationConfig.of(20, 2, 1))
                        .run(new RecordingSink(), progress);
        assertThat(calls[0]).isGreaterThanOrEqualTo(2 * 96);
        assertThat(last[0]).isEqualTo(s.records());
        assertThat(last[1]).isEqualTo(s.endMillis());
    }
}
