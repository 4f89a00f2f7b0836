package org.gridwatch.jobs.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.metric.MetricPoint;
import org.junit.jupiter.api.Test;

class InfluxDbWriterTest {

    /** A server that is down for a number of attempts, or refuses for good, then takes all. */
    private static final class Server implements LineWriter {
        int downFor;
        WriteFailure refusal;
        final List<List<String>> received = new ArrayList<>();
        int attempts;

        @Override
        public void write(List<String> lines) throws WriteFailure {
            attempts++;
            if (downFor > 0) {
                downFor--;
                throw WriteFailure.unreachable("connection refused", null);
            }
            if (refusal != null) {
                WriteFailure f = refusal;
                refusal = null;
                throw f;
            }
            received.add(List.copyOf(lines));
        }

        int pointsReceived() {
            return received.stream().mapToInt(List::size).sum();
        }

        @Override
        public void close() {}
    }

    /** A clock that only moves when the writer waits, or when the test says so. */
    private static final class Clock {
        long nanos = 1_000_000_000L;
        long sleptMillis;

        void advance(Duration d) {
            nanos += d.toNanos();
        }
    }

    private final Server server = new Server();
    private final Clock clock = new Clock();

    /** Backoff 0.5 s doubling to 4 s; at the end of input, 60 s of patience. */
    private static InfluxSettings settings(int batchSize, int maxPending) {
        return new InfluxSettings(
                "http://127.0.0.1:1",
                "gridwatch",
                "",
                null,
                null,
                batchSize,
                maxPending,
                Duration.ofMillis(500),
                Duration.ofSeconds(4),
                Duration.ofSeconds(60),
                false);
    }

    private InfluxDbWriter writer(int batchSize, int maxPending, List<String> restored) {
        return new InfluxDbWriter(
                settings(batchSize, maxPending),
                server,
                restored,
                InfluxWriteMetrics.NONE,
                () -> clock.nanos,
                millis -> {
                    clock.sleptMillis += millis;
                    clock.advance(Duration.ofMillis(millis));
                });
    }

    private static MetricPoint point(long t) {
        return MetricPoint.of("load").tag("area", "A001").field("kwh", 1.5).at(t);
    }

    @Test
    void writesNothingUntilFlushWhenTheBatchIsNotFull() throws Exception {
        InfluxDbWriter writer = writer(10, 100, List.of());
        writer.write(point(1), null);
        writer.write(point(2), null);
        assertThat(server.received).isEmpty();

        writer.flush(false);

        assertThat(server.received)
                .containsExactly(List.of("load,area=A001 kwh=1.5 1", "load,area=A001 kwh=1.5 2"));
    }

    @Test
    void writesAFullBatchRightAway() throws Exception {
        InfluxDbWriter writer = writer(2, 100, List.of());
        writer.write(point(1), null);
        writer.write(point(2), null);
        writer.write(point(3), null);

        assertThat(server.received).hasSize(1);
        writer.flush(true);
        assertThat(server.received).hasSize(2);
    }

    @Test
    void holdsThePointsInTheCheckpointWhileInfluxIsDownAndDoesNotWaitForIt() throws Exception {
        server.downFor = 2;
        InfluxDbWriter writer = writer(10, 100, List.of());
        writer.write(point(1), null);

        writer.flush(false); // a checkpoint while InfluxDB is down

        assertThat(server.received).isEmpty();
        assertThat(clock.sleptMillis).as("billing goes on").isZero();
        assertThat(writer.snapshotState(1)).containsExactly(List.of("load,area=A001 kwh=1.5 1"));
        writer.flush(false);
        assertThat(server.attempts).as("not before the backoff has passed").isEqualTo(1);

        clock.advance(Duration.ofMillis(500));
        writer.flush(false); // down once more: the next try 1 s later
        clock.advance(Duration.ofMillis(999));
        writer.flush(false);
        assertThat(server.attempts).isEqualTo(2);
        clock.advance(Duration.ofMillis(1));
        writer.flush(false);

        assertThat(server.received).containsExactly(List.of("load,area=A001 kwh=1.5 1"));
        assertThat(writer.snapshotState(2)).containsExactly(List.of());
    }

    @Test
    void sendsThePointsARestoredCheckpointHeld() throws Exception {
        InfluxDbWriter writer = writer(10, 100, List.of("load,area=A001 kwh=1.5 7"));

        writer.flush(false);

        assertThat(server.received).containsExactly(List.of("load,area=A001 kwh=1.5 7"));
    }

    @Test
    void waitsForInfluxOnlyWhenMorePointsAreHeldThanAllowed() throws Exception {
        server.downFor = 3; // tries at 0 s, 0.5 s, 1.5 s fail; 3.5 s succeeds
        InfluxDbWriter writer = writer(2, 3, List.of());
        writer.write(point(1), null);
        writer.write(point(2), null); // a full batch: first try fails, held
        writer.write(point(3), null);
        assertThat(clock.sleptMillis).isZero();

        writer.write(point(4), null); // 4 held, more than 3: wait until InfluxDB takes them

        assertThat(server.pointsReceived()).isEqualTo(4);
        assertThat(clock.sleptMillis).isEqualTo(500 + 1000 + 2000);
    }

    @Test
    void countsAndSkipsPointsInfluxRefusesForGood() throws Exception {
        InfluxDbWriter writer = writer(10, 100, List.of());
        server.refusal =
                LineWriter.WriteFailure.refused(
                        "FIELD_TYPE_CONFLICT", -1, "field type conflict", null);
        writer.write(point(1), null);
        writer.write(point(2), null);
        writer.flush(false);
        // a partial write: the server kept two of three and says it dropped one
        server.refusal =
                LineWriter.WriteFailure.refused(
                        "BEYOND_RETENTION_POLICY", 1, "partial write: dropped=1", null);
        writer.write(point(3), null);
        writer.write(point(4), null);
        writer.write(point(5), null);
        writer.flush(false);
        writer.write(point(6), null);
        writer.flush(false);

        assertThat(writer.refusedByKind())
                .isEqualTo(Map.of("FIELD_TYPE_CONFLICT", 2L, "BEYOND_RETENTION_POLICY", 1L));
        assertThat(server.received).containsExactly(List.of("load,area=A001 kwh=1.5 6"));
        assertThat(writer.pendingPoints()).isZero();
        assertThat(clock.sleptMillis).isZero();
    }

    @Test
    void atTheEndOfInputWaitsForInfluxThenGivesUpAndCountsWhatWasLost() throws Exception {
        server.downFor = Integer.MAX_VALUE;
        InfluxDbWriter writer = writer(10, 100, List.of());
        writer.write(point(1), null);
        writer.write(point(2), null);

        writer.flush(true);

        assertThat(writer.refusedByKind()).isEqualTo(Map.of("UNREACHABLE_AT_END_OF_INPUT", 2L));
        // the patience is 60 s; tried at 0, 0.5, 1.5, 3.5, 7.5, then every 4 s
        assertThat(clock.sleptMillis).isBetween(60_000L, 64_000L);
    }

    @Test
    void heldPointsSurviveTheirCheckpointSerializer() throws Exception {
        InfluxDbSink.HeldPoints serializer = new InfluxDbSink.HeldPoints();
        List<String> held = List.of("load,area=A001 kwh=1.5 1", "tou,area=東区 kwh=2 2", "");

        assertThat(serializer.deserialize(1, serializer.serialize(held))).isEqualTo(held);
    }
}
