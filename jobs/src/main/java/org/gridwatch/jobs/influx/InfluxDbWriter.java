package org.gridwatch.jobs.influx;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.gridwatch.core.metric.MetricPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes points to InfluxDB in batches, and never lets InfluxDB's trouble stop the job.
 *
 * <ul>
 *   <li>Before every checkpoint ({@link #flush}) it sends what it holds, synchronously: a completed
 *       checkpoint means the points are in InfluxDB, or in the checkpoint ({@link #snapshotState}).
 *   <li>When InfluxDB cannot be reached (down, restarting, overloaded) the points are held and sent
 *       again later, with backoff; billing and the other outputs go on meanwhile. Only when more
 *       than {@link InfluxSettings#maxPendingPoints()} are held does the job wait for InfluxDB,
 *       rather than lose points or run out of memory.
 *   <li>Points InfluxDB refuses for good (a field type conflict, beyond the retention policy, bad
 *       credentials) are counted by kind, logged once per kind, and dropped: retrying could never
 *       succeed, and failing would restart the job into the same refusal for ever.
 * </ul>
 *
 * Points carry event-time timestamps and no per-customer tags, so writing one twice (after a
 * restore, say) overwrites it with the same value.
 */
final class InfluxDbWriter implements StatefulSinkWriter<MetricPoint, List<String>> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxDbWriter.class);
    private static final long MILLI = 1_000_000L;

    /** While unreachable, a reminder in the log this often. */
    private static final long REMIND_EVERY_NANOS = 60_000 * MILLI;

    /** Waits; a test passes one that only moves its clock. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final InfluxSettings settings;
    private final LineWriter connection;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private final Map<String, Long> refusedByKind = new TreeMap<>();
    private final InfluxWriteMetrics metrics;
    private boolean unreachable;
    private long retryAtNanos;
    private long backoffMillis;
    private boolean inOutage;
    private long outageSinceNanos;
    private long remindedAtNanos;

    InfluxDbWriter(
            InfluxSettings settings,
            LineWriter connection,
            List<String> restored,
            InfluxWriteMetrics metrics,
            LongSupplier nanoClock,
            Sleeper sleeper) {
        this.settings = settings;
        this.connection = connection;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.backoffMillis = settings.firstBackoff().toMillis();
        pending.addAll(restored);
        metrics.pending(pending::size);
    }

    @Override
    public void write(MetricPoint point, Context context) throws IOException, InterruptedException {
        pending.add(point.toLineProtocol());
        if (pending.size() >= settings.batchSize()) {
            send(false);
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        send(endOfInput);
    }

    @Override
    public List<List<String>> snapshotState(long checkpointId) {
        return List.of(new ArrayList<>(pending));
    }

    /** Points refused for good so far, by kind. */
    Map<String, Long> refusedByKind() {
        return Map.copyOf(refusedByKind);
    }

    int pendingPoints() {
        return pending.size();
    }

    /**
     * Sends the held points. While InfluxDB is unreachable it returns at once, keeping them, unless
     * too many are held or the input has ended: then it waits for InfluxDB (at the end of input for
     * at most {@link InfluxSettings#endOfInputPatience()}).
     */
    private void send(boolean endOfInput) throws InterruptedException {
        long giveUpAt = nanoClock.getAsLong() + settings.endOfInputPatience().toNanos();
        while (!pending.isEmpty()) {
            long now = nanoClock.getAsLong();
            if (unreachable && now - retryAtNanos < 0) {
                boolean mustWait = endOfInput || pending.size() > settings.maxPendingPoints();
                if (!mustWait) {
                    return;
                }
                if (endOfInput && now - giveUpAt >= 0) {
                    giveUp();
                    return;
                }
                sleeper.sleep(Math.max(1, Math.min(1000, (retryAtNanos - now) / MILLI)));
                continue;
            }
            List<String> batch = firstBatch();
            try {
                connection.write(batch);
                dropFirst(batch.size());
                recovered(batch.size());
            } catch (LineWriter.WriteFailure f) {
                if (f.retryable) {
                    unreachable(f);
                } else {
                    refused(f, batch.size());
                }
            }
        }
    }

    private List<String> firstBatch() {
        List<String> batch = new ArrayList<>(Math.min(settings.batchSize(), pending.size()));
        for (String line : pending) {
            if (batch.size() == settings.batchSize()) {
                break;
            }
            batch.add(line);
        }
        return batch;
    }

    private void dropFirst(int n) {
        for (int i = 0; i < n; i++) {
            pending.poll();
        }
    }

    private void unreachable(LineWriter.WriteFailure f) {
        long now = nanoClock.getAsLong();
        unreachable = true;
        retryAtNanos = now + backoffMillis * MILLI;
        backoffMillis = Math.min(backoffMillis * 2, settings.maxBackoff().toMillis());
        if (!inOutage) {
            inOutage = true;
            outageSinceNanos = now;
            remindedAtNanos = now;
            LOG.warn(
                    "InfluxDB at {} cannot be reached ({}); holding {} points and trying again,"
                            + " billing goes on",
                    settings,
                    f.getMessage(),
                    pending.size());
        } else if (now - remindedAtNanos >= REMIND_EVERY_NANOS) {
            remindedAtNanos = now;
            LOG.warn(
                    "InfluxDB at {} still cannot be reached after {} s ({}); holding {} points",
                    settings,
                    (now - outageSinceNanos) / 1_000 / MILLI,
                    f.getMessage(),
                    pending.size());
        }
    }

    private void recovered(int written) {
        backoffMillis = settings.firstBackoff().toMillis();
        unreachable = false;
        if (inOutage) {
            inOutage = false;
            LOG.info(
                    "InfluxDB at {} takes points again after {} s; {} still to send",
                    settings,
                    (nanoClock.getAsLong() - outageSinceNanos) / 1_000 / MILLI,
                    pending.size());
        }
    }

    /** A batch refused for good: counted by kind, logged the first time of each kind, dropped. */
    private void refused(LineWriter.WriteFailure f, int batchSize) {
        int refused = f.refusedPoints >= 0 ? Math.min(f.refusedPoints, batchSize) : batchSize;
        dropFirst(batchSize);
        boolean firstOfItsKind = !refusedByKind.containsKey(f.refusal);
        count(f.refusal, refused);
        if (firstOfItsKind) {
            LOG.error(
                    "InfluxDB at {} refused {} of {} points: {} ({}); such points are counted"
                            + " (metric influxdbPointsRefused) and skipped, this is logged once",
                    settings,
                    refused,
                    batchSize,
                    f.refusal,
                    f.getMessage());
        }
    }

    private void giveUp() {
        int lost = pending.size();
        pending.clear();
        count("UNREACHABLE_AT_END_OF_INPUT", lost);
        LOG.error(
                "InfluxDB at {} could not be reached for {} at the end of the input; {} points"
                        + " were not written",
                settings,
                settings.endOfInputPatience(),
                lost);
    }

    private void count(String kind, int points) {
        refusedByKind.merge(kind, (long) points, Long::sum);
        metrics.refused(points);
    }

    @Override
    public void close() {
        connection.close();
    }
}
