package org.gridwatch.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.SegmentTally;

/**
 * The monitor job's own metric points, summed up for the terminal while the job runs in this JVM's
 * local cluster. The job's sink ({@link LiveSummaryOutputs}) finds its summary by id in a static
 * registry, because Flink hands the sink to its tasks as a serialized copy. Thread-safe: the sink's
 * parallel writers add points while the terminal reads snapshots.
 */
final class LiveSummary implements AutoCloseable {

    private static final Map<String, LiveSummary> OPEN = new ConcurrentHashMap<>();

    /** Quarter hours of load kept: enough to find the newest complete one. */
    private static final int LOAD_BUCKETS_KEPT = 8;

    private static final long YEAR_2000 = 946_684_800_000L;

    private final String id = UUID.randomUUID().toString();
    private final long settleAfterMillis;
    private final BucketSums ingest = new BucketSums("records", "accepted", "rejected", "late");
    private final BucketSums rejected = new BucketSums("count");
    private final NavigableMap<Long, Map<String, Double>> loadKw = new TreeMap<>();
    private final NavigableMap<Long, Map<String, Double>> supplyKw = new TreeMap<>();
    private long newestBucket = Long.MIN_VALUE;
    private long newestIngestBucket = Long.MIN_VALUE;
    private long settledBefore = Long.MIN_VALUE;
    private long points;
    private long segmentsAt = Long.MIN_VALUE;
    private SegmentTally fleetTally = new SegmentTally();
    private long concentrationAt = Long.MIN_VALUE;
    private double topTwentyShare = Double.NaN;
    private final Map<String, LongAdder> read = new ConcurrentHashMap<>();

    private LiveSummary(Duration allowedLateness) {
        // A bucket can be re-emitted until its allowed lateness has passed; a day more is margin.
        this.settleAfterMillis = allowedLateness.plusDays(1).toMillis();
    }

    /**
     * A new summary, registered until {@link #close()}.
     *
     * @param allowedLateness the job's: how long a bucket can still change
     */
    static LiveSummary open(Duration allowedLateness) {
        LiveSummary summary = new LiveSummary(allowedLateness);
        OPEN.put(summary.id, summary);
        return summary;
    }

    /** The open summary with this id, or null (the job runs on a cluster elsewhere). */
    static LiveSummary find(String id) {
        return OPEN.get(id);
    }

    String id() {
        return id;
    }

    /** One raw record of {@code topic} was read. */
    void read(String topic) {
        readCount(topic).increment();
    }

    /**
     * The count of the raw records of {@code topic} read, for a reader to add to ({@link
     * CountedInputs} keeps it: looking it up for every record was a fiftieth of the readings'
     * source, docs/benchmarks.md, session 44).
     */
    LongAdder readCount(String topic) {
        return read.computeIfAbsent(topic, t -> new LongAdder());
    }

    /**
     * The measurements this summary shows; the others it would drop, so its sink is sent only these
     * ({@link LiveSummaryOutputs}).
     */
    private static final Set<String> SHOWN =
            Set.of(
                    Measurements.INGEST,
                    Measurements.REJECTED,
                    Measurements.LOAD,
                    Measurements.AREA_SUPPLY,
                    Measurements.SEGMENTS,
                    Measurements.REVENUE_CONCENTRATION);

    /** Whether this summary shows what {@code p} measures. */
    static boolean shows(MetricPoint p) {
        return SHOWN.contains(p.measurement());
    }

    synchronized void add(MetricPoint p) {
        if (!shows(p)) {
            return; // measurements added later show up in InfluxDB; this summary need not know them
        }
        points++;
        long bucket = p.timeMillis();
        switch (p.measurement()) {
            case Measurements.INGEST ->
                    ingest.put(
                            p.tag("source"),
                            bucket,
                            count(p, "records"),
                            count(p, "accepted"),
                            count(p, "rejected"),
                            count(p, "late"));
            case Measurements.REJECTED ->
                    rejected.put(
                            p.tag("reason") + "|" + p.tag("source"), bucket, count(p, "count"));
            case Measurements.LOAD ->
                    keep(loadKw, bucket, p.tag("area") + "|" + p.tag("class"), p.field("kw"));
            case Measurements.AREA_SUPPLY -> keep(supplyKw, bucket, p.tag("area"), p.field("kw"));
            case Measurements.SEGMENTS -> keepFleetTally(p);
            case Measurements.REVENUE_CONCENTRATION -> {
                if (Measurements.ALL_AREAS.equals(p.tag("area"))
                        && p.timeMillis() >= concentrationAt) {
                    concentrationAt = p.timeMillis();
                    topTwentyShare = p.field("top20_share");
                }
            }
            default -> throw new IllegalStateException("shown but not summed: " + p.measurement());
        }
        // The "ingest" bucket of records without an event time (the customer master) follows the
        // watermark, which starts in 1970; real quarter hours lie in 2000..2100 (the codec's
        // bounds), and only they tell how far the job has got.
        if (bucket < YEAR_2000) {
            return;
        }
        // The area supply is written as each area reading arrives, not as event time passes: in a
        // replay a small area-readings file is read to its end while the readings are in their
        // first days, and "metrics up to" its last day told nothing of how far the job had got.
        if (!Measurements.AREA_SUPPLY.equals(p.measurement())) {
            newestBucket = Math.max(newestBucket, bucket);
        }
        // Counts are settled by the ingest counts alone: they are emitted as the slowest input's
        // event time passes, while other measurements follow their own input (a small
        // area-readings file runs days ahead of the readings in a replay), and settling by those
        // would forget buckets the job still corrects, counting their corrections twice.
        if (Measurements.INGEST.equals(p.measurement()) && bucket > newestIngestBucket) {
            newestIngestBucket = bucket;
            if (bucket - settleAfterMillis > settledBefore + Duration.ofDays(1).toMillis()) {
                settledBefore = bucket - settleAfterMillis;
                ingest.settleBefore(settledBefore);
                rejected.settleBefore(settledBefore);
            }
        }
    }

    /** The fleet's twelve cells of its latest tally (all are written together). */
    private void keepFleetTally(MetricPoint p) {
        if (!Measurements.ALL_AREAS.equals(p.tag("area")) || p.timeMillis() < segmentsAt) {
            return;
        }
        if (p.timeMillis() > segmentsAt) {
            segmentsAt = p.timeMillis();
            fleetTally = new SegmentTally();
        }
        int cell =
                SegmentTally.cell(
                        Segment.valueOf(p.tag("segment")), CreditGrade.valueOf(p.tag("grade")));
        fleetTally.customers[cell] = Math.round(p.field("customers"));
    }

    synchronized SummarySnapshot snapshot() {
        Map<String, SummarySnapshot.SourceCounts> sources = new TreeMap<>();
        ingest.totals()
                .forEach(
                        (source, t) ->
                                sources.put(
                                        source,
                                        new SummarySnapshot.SourceCounts(
                                                (long) t[0],
                                                (long) t[1],
                                                (long) t[2],
                                                (long) t[3])));
        Map<String, Long> reasons = new TreeMap<>();
        rejected.totals()
                .forEach(
                        (reasonAndSource, t) ->
                                reasons.merge(
                                        reasonAndSource.substring(0, reasonAndSource.indexOf('|')),
                                        (long) t[0],
                                        Long::sum));

        // The newest quarter hour may still be arriving from the other parallel tasks; the one
        // before it is complete (up to late readings, which update it later).
        Long complete = loadKw.isEmpty() ? null : loadKw.lowerKey(loadKw.lastKey());
        Map<String, Double> byClass = new TreeMap<>();
        double supplied = Double.NaN;
        if (complete != null) {
            loadKw.get(complete)
                    .forEach(
                            (areaAndClass, kw) ->
                                    byClass.merge(
                                            areaAndClass.substring(areaAndClass.indexOf('|') + 1),
                                            kw,
                                            Double::sum));
            Map<String, Double> supply = supplyKw.get(complete);
            if (supply != null) {
                supplied = supply.values().stream().mapToDouble(Double::doubleValue).sum();
            }
        }
        Map<String, Long> readByTopic = new TreeMap<>();
        read.forEach((topic, n) -> readByTopic.put(topic, n.sum()));
        return new SummarySnapshot(
                readByTopic,
                sources,
                reasons,
                complete == null ? Long.MIN_VALUE : complete,
                byClass,
                supplied,
                newestBucket == Long.MIN_VALUE ? Long.MIN_VALUE : newestBucket + Bucket.MILLIS,
                points,
                bySegment(),
                byGrade(),
                topTwentyShare);
    }

    /** The fleet's customers per segment at the latest tally; empty before the first. */
    private Map<String, Long> bySegment() {
        Map<String, Long> sums = new LinkedHashMap<>();
        if (segmentsAt != Long.MIN_VALUE) {
            for (Segment s : Segment.values()) {
                sums.put(s.name(), fleetTally.customers(s));
            }
        }
        return sums;
    }

    /** The same per credit grade. */
    private Map<String, Long> byGrade() {
        Map<String, Long> sums = new LinkedHashMap<>();
        if (segmentsAt != Long.MIN_VALUE) {
            for (CreditGrade g : CreditGrade.values()) {
                sums.put(g.name(), fleetTally.customers(g));
            }
        }
        return sums;
    }

    @Override
    public void close() {
        OPEN.remove(id);
    }

    private static double count(MetricPoint p, String field) {
        double v = p.field(field);
        return Double.isNaN(v) ? 0 : v;
    }

    private static void keep(
            NavigableMap<Long, Map<String, Double>> buckets, long bucket, String key, double kw) {
        if (buckets.size() >= LOAD_BUCKETS_KEPT && bucket < buckets.firstKey()) {
            return; // a late correction of a quarter hour the terminal no longer shows
        }
        buckets.computeIfAbsent(bucket, b -> new HashMap<>()).put(key, kw);
        while (buckets.size() > LOAD_BUCKETS_KEPT) {
            buckets.pollFirstEntry();
        }
    }
}
