package org.gridwatch.jobs;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.codec.ValidationLimits;
import org.gridwatch.core.detect.TheftCase;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.value.ValueModel;
import org.gridwatch.jobs.io.ReplayOrder;

/**
 * The monitor job's tunables, each with its default and the reason for it.
 *
 * @param zone the utility's zone: local calendar, and how timestamps are written. Default
 *     Asia/Shanghai.
 * @param outOfOrderness how far behind the newest record of a stream a record may arrive and still
 *     be on time. Default 15 minutes: head-ends forward a collection round (every meter's last
 *     interval) within minutes; longer delays are counted as late.
 * @param allowedLateness how long after its interval a reading still changes the results. Default 7
 *     days: head-ends re-collect missed intervals for days (meters store weeks of load profile),
 *     and a week is what duplicate detection keeps per meter. Older readings are rejected TOO_LATE.
 * @param idleness after how long without records a stream (or Kafka partition) stops holding back
 *     event time. Default 1 minute: payments and inspections are sparse. Not the meter readings:
 *     they are the job's clock, and a pause in them holds event time ({@link
 *     org.gridwatch.jobs.io.ArrivalTiming#of}).
 * @param masterIdleness the same for the customer master, short so that a compacted topic that has
 *     been read to its end releases event time quickly. Default 10 seconds.
 * @param unknownMeterGrace how long (event time) a reading waits for its meter's master record
 *     before it is rejected UNKNOWN_METER, and a payment or inspection for its customer's before it
 *     is rejected UNKNOWN_CUSTOMER. Default 1 hour: new connections reach the master data shortly
 *     after their meters start reporting.
 * @param futureTolerance how far ahead a record may be stamped before it is rejected
 *     FUTURE_TIMESTAMP: ahead of the wall clock when reading Kafka, ahead of what the stream itself
 *     vouches for in a replay ({@link org.gridwatch.core.time.StreamProgress}). Default 1 day: far
 *     beyond clock drift and a meter set to the wrong zone (hours), while a clock reset to another
 *     month or year is caught. It must not exceed the allowed lateness: a record accepted within it
 *     moves event time at most this far beyond the truth, and the records it overtakes still count.
 * @param lookAheadRecords how many records a file replay reads ahead to vouch for a record that
 *     steps beyond the tolerance. Default 256: several quarter hours of a small fleet, a fraction
 *     of one of a large one; cheap, since it is consulted only on such steps.
 * @param vouchingShare the share of the sources in the look-ahead that must be at or after such a
 *     record (less the tolerance) for the step to be believed. Default 0.5: when a head-end outage
 *     ends the whole fleet moves on at once; a meter with a bad clock moves alone.
 * @param checkpointInterval default 10 seconds; every checkpoint also flushes InfluxDB.
 * @param checkpointDir where checkpoints go (a file:// or other Flink file-system URI), or null to
 *     leave it to the cluster's configuration. Local runs must set one: Flink's default keeps
 *     checkpoints in the JobManager's memory, capped at 5 MB, which a week of 15-minute buckets of
 *     a few thousand customers already exceeds.
 * @param stateBackend where keyed state lives while the job runs: {@link #HASHMAP} (objects on the
 *     TaskManagers' heap: fastest, bounded by the heap), {@link #ROCKSDB} (serialized in an
 *     embedded RocksDB on the TaskManagers' local disk, with incremental checkpoints: only the
 *     files new since the last checkpoint are uploaded), or null to leave it to the cluster's
 *     configuration ({@code state.backend.type}, {@code execution.checkpointing.incremental}).
 *     Default null.
 * @param pricing the tariff file and holiday calendar, as text ({@link PricingFiles#SHIPPED}: the
 *     presets and the 2026 calendar of China)
 * @param valueModel the credit, value and segment rules ({@link ValueModel#DEFAULTS}, explained in
 *     docs/value.md)
 * @param replayOrder the order a file replay reads its time-stamped files in ({@link
 *     ReplayOrder#AUTO}: as written, unless a file is plainly not an arrival log)
 * @param theftAlertScore the theft score a THEFT alert opens at; it closes after two weeks below
 *     half of it. Default {@link TheftCase#RAISE} (0.5). The share of customers a score flags
 *     depends on the fleet: a utility sets it to what its inspectors can visit, from its own score
 *     history (docs/inspectors.md, "How many alerts").
 */
public record MonitorSettings(
        ZoneId zone,
        Duration outOfOrderness,
        Duration allowedLateness,
        Duration idleness,
        Duration masterIdleness,
        Duration unknownMeterGrace,
        Duration futureTolerance,
        int lookAheadRecords,
        double vouchingShare,
        Duration checkpointInterval,
        String checkpointDir,
        String stateBackend,
        PricingFiles pricing,
        ValidationLimits limits,
        ValueModel valueModel,
        ReplayOrder replayOrder,
        double theftAlertScore)
        implements Serializable {

    /** Flink's heap state backend ({@code state.backend.type: hashmap}). */
    public static final String HASHMAP = "hashmap";

    /**
     * Flink's RocksDB state backend ({@code state.backend.type: rocksdb}), always with incremental
     * checkpoints here.
     */
    public static final String ROCKSDB = "rocksdb";

    public MonitorSettings {
        if (replayOrder == null) {
            replayOrder = ReplayOrder.AUTO;
        }
        TheftCase.checkedRaise(theftAlertScore);
        if (stateBackend != null
                && !stateBackend.equals(HASHMAP)
                && !stateBackend.equals(ROCKSDB)) {
            throw new IllegalArgumentException(
                    "the state backend is "
                            + HASHMAP
                            + " or "
                            + ROCKSDB
                            + ", not '"
                            + stateBackend
                            + "'");
        }
    }

    public static final MonitorSettings DEFAULT =
            new MonitorSettings(
                    EventTime.DEFAULT_ZONE,
                    Duration.ofMinutes(15),
                    Duration.ofDays(7),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(10),
                    Duration.ofHours(1),
                    Duration.ofDays(1),
                    256,
                    0.5,
                    Duration.ofSeconds(10),
                    null,
                    null,
                    PricingFiles.SHIPPED,
                    ValidationLimits.DEFAULT,
                    ValueModel.DEFAULTS,
                    ReplayOrder.AUTO,
                    TheftCase.RAISE);

    public MonitorSettings withZone(ZoneId z) {
        return edit(b -> b.zone = z);
    }

    public MonitorSettings withAllowedLateness(Duration d) {
        return edit(b -> b.allowedLateness = d);
    }

    public MonitorSettings withIdleness(Duration streams, Duration master) {
        return edit(
                b -> {
                    b.idleness = streams;
                    b.masterIdleness = master;
                });
    }

    public MonitorSettings withFutureTolerance(Duration d) {
        return edit(b -> b.futureTolerance = d);
    }

    public MonitorSettings withCheckpointInterval(Duration d) {
        return edit(b -> b.checkpointInterval = d);
    }

    public MonitorSettings withCheckpointDir(String dir) {
        return edit(b -> b.checkpointDir = dir);
    }

    /** {@link #HASHMAP}, {@link #ROCKSDB}, or null for the cluster's configuration. */
    public MonitorSettings withStateBackend(String backend) {
        return edit(b -> b.stateBackend = backend);
    }

    public MonitorSettings withPricing(PricingFiles files) {
        return edit(b -> b.pricing = files);
    }

    public MonitorSettings withValueModel(ValueModel model) {
        return edit(b -> b.valueModel = model);
    }

    public MonitorSettings withReplayOrder(ReplayOrder order) {
        return edit(b -> b.replayOrder = order);
    }

    public MonitorSettings withTheftAlertScore(double score) {
        return edit(b -> b.theftAlertScore = score);
    }

    /** A duration in the largest whole unit that fits, for messages: "1 day", "90 min". */
    public static String describe(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + " min";
        }
        return millis + " ms";
    }

    /** The tariffs live energy is priced with, parsed from the text the job carries. */
    public TariffBook tariffBook() {
        return pricing.book(zone);
    }

    private MonitorSettings edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.settings();
    }

    /** A mutable copy, so that each {@code with...} names only what it changes. */
    private static final class Draft {
        ZoneId zone;
        Duration outOfOrderness;
        Duration allowedLateness;
        Duration idleness;
        Duration masterIdleness;
        Duration unknownMeterGrace;
        Duration futureTolerance;
        int lookAheadRecords;
        double vouchingShare;
        Duration checkpointInterval;
        String checkpointDir;
        String stateBackend;
        PricingFiles pricing;
        ValidationLimits limits;
        ValueModel valueModel;
        ReplayOrder replayOrder;
        double theftAlertScore;

        Draft(MonitorSettings s) {
            zone = s.zone;
            outOfOrderness = s.outOfOrderness;
            allowedLateness = s.allowedLateness;
            idleness = s.idleness;
            masterIdleness = s.masterIdleness;
            unknownMeterGrace = s.unknownMeterGrace;
            futureTolerance = s.futureTolerance;
            lookAheadRecords = s.lookAheadRecords;
            vouchingShare = s.vouchingShare;
            checkpointInterval = s.checkpointInterval;
            checkpointDir = s.checkpointDir;
            stateBackend = s.stateBackend;
            pricing = s.pricing;
            limits = s.limits;
            valueModel = s.valueModel;
            replayOrder = s.replayOrder;
            theftAlertScore = s.theftAlertScore;
        }

        MonitorSettings settings() {
            return new MonitorSettings(
                    zone,
                    outOfOrderness,
                    allowedLateness,
                    idleness,
                    masterIdleness,
                    unknownMeterGrace,
                    futureTolerance,
                    lookAheadRecords,
                    vouchingShare,
                    checkpointInterval,
                    checkpointDir,
                    stateBackend,
                    pricing,
                    limits,
                    valueModel,
                    replayOrder,
                    theftAlertScore);
        }
    }
}
