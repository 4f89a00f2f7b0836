package org.gridwatch.cli;

import java.util.Map;

/**
 * What the monitor job had reported at one moment, from its own metric points (see {@link
 * LiveSummary}).
 *
 * @param read raw records read per input topic so far, counted as they are read
 * @param ingest per input topic (customers, meter-readings, ...): records read, accepted, rejected
 *     and late
 * @param rejectedByReason rejections per reason, over all inputs
 * @param loadBucket the start of the newest quarter hour whose load is complete, or {@link
 *     Long#MIN_VALUE} when none is yet
 * @param kwByClass average kW in that quarter hour per customer class, summed over areas
 * @param suppliedKw average kW delivered into the areas in that quarter hour, or NaN when no area
 *     readings came for it
 * @param eventTimeMillis the end of the newest quarter hour the job reported on as its event time
 *     passed (the area supply, written as it arrives, does not count), or {@link Long#MIN_VALUE}
 * @param points metric points received of the measurements the summary shows
 * @param customersBySegment the fleet's customers per segment at the latest valuation; empty before
 *     the first month's bills
 * @param customersByGrade the same per credit grade
 * @param topTwentyShare the revenue share of the fleet's top 20% at the latest billing, or NaN
 */
record SummarySnapshot(
        Map<String, Long> read,
        Map<String, SourceCounts> ingest,
        Map<String, Long> rejectedByReason,
        long loadBucket,
        Map<String, Double> kwByClass,
        double suppliedKw,
        long eventTimeMillis,
        long points,
        Map<String, Long> customersBySegment,
        Map<String, Long> customersByGrade,
        double topTwentyShare) {

    /** One input's records. */
    record SourceCounts(long records, long accepted, long rejected, long late) {
        static final SourceCounts NONE = new SourceCounts(0, 0, 0, 0);
    }

    SourceCounts of(String source) {
        return ingest.getOrDefault(source, SourceCounts.NONE);
    }

    /** Raw records of {@code topic} read so far. */
    long read(String topic) {
        return read.getOrDefault(topic, 0L);
    }

    long readTotal() {
        return read.values().stream().mapToLong(Long::longValue).sum();
    }

    long records() {
        return ingest.values().stream().mapToLong(SourceCounts::records).sum();
    }

    long rejected() {
        return ingest.values().stream().mapToLong(SourceCounts::rejected).sum();
    }

    boolean hasLoad() {
        return loadBucket != Long.MIN_VALUE;
    }

    boolean isValued() {
        return !customersBySegment.isEmpty();
    }

    double meteredKw() {
        return kwByClass.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
