package org.gridwatch.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.Test;

class InfluxDbWriterTest {

    /** A server that fails a given number of times, then takes everything. */
    private static final class FlakyServer implements LineWriter {
        int failuresLeft;
        final boolean retryable;
        final List<List<String>> received = new ArrayList<>();
        int attempts;

        FlakyServer(int failures, boolean retryable) {
            this.failuresLeft = failures;
            this.retryable = retryable;
        }

        @Override
        public void write(List<String> lines) throws WriteFailure {
            attempts++;
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new WriteFailure("connection refused", retryable, null);
            }
            received.add(List.copyOf(lines));
        }

        @Override
        public void close() {}
    }

    private static InfluxSettings settings(int batchSize, int maxAttempts) {
        return new InfluxSettings(
                "http://127.0.0.1:1",
                "gridwatch",
                "",
                null,
                null,
                batchSize,
                maxAttempts,
                Duration.ofMillis(1),
                false);
    }

    private static MetricPoint point(long t) {
        return MetricPoint.of("load").tag("area", "A001").field("kwh", 1.5).at(t);
    }

    @Test
    void writesNothingUntilFlushWhenTheBatchIsNotFull() throws Exception {
        FlakyServer server = new FlakyServer(0, true);
        InfluxDbWriter writer = new InfluxDbWriter(settings(10, 3), server);
        writer.write(point(1), null);
        writer.write(point(2), null);
        assertThat(server.received).isEmpty();

        writer.flush(false);

        assertThat(server.received)
                .containsExactly(List.of("load,area=A001 kwh=1.5 1", "load,area=A001 kwh=1.5 2"));
    }

    @Test
    void writesAFullBatchRightAway() throws Exception {
        FlakyServer server = new FlakyServer(0, true);
        InfluxDbWriter writer = new InfluxDbWriter(settings(2, 3), server);
        writer.write(point(1), null);
        writer.write(point(2), null);
        writer.write(point(3), null);

        assertThat(server.received).hasSize(1);
        writer.flush(true);
        assertThat(server.received).hasSize(2);
    }

    @Test
    void retriesWithBackoffUntilTheServerTakesTheBatch() throws Exception {
        FlakyServer server = new FlakyServer(2, true);
        InfluxDbWriter writer = new InfluxDbWriter(settings(10, 3), server);
        writer.write(point(1), null);

        writer.flush(false);

        assertThat(server.attempts).isEqualTo(3);
        assertThat(server.received).hasSize(1);
    }

    @Test
    void failsTheJobRatherThanLosePointsWhenRetriesRunOut() throws Exception {
        FlakyServer server = new FlakyServer(5, true);
        InfluxDbWriter writer = new InfluxDbWriter(settings(10, 3), server);
        writer.write(point(1), null);

        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not take 1 points after 3 attempt(s)")
                .hasMessageContaining("connection refused");
        assertThat(server.received).isEmpty();
    }

    @Test
    void doesNotRetryWhatRetryingCannotFix() throws Exception {
        FlakyServer server = new FlakyServer(5, false);
        InfluxDbWriter writer = new InfluxDbWriter(settings(10, 6), server);
        writer.write(point(1), null);

        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class);
        assertThat(server.attempts).isEqualTo(1);
    }
}
