package org.gridwatch.jobs.io;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.types.SharedIds;

/**
 * Keyed by the tag set of {@link Measurements#WORKLIST} (strategy, area, segment): one point per
 * customer, as {@link AlertWorklist} keeps one per alert. The customer is a field, so every
 * customer of a tag set gets its own timestamp: the minute it first joined the list plus a
 * millisecond slot (its id's hash, or the next free one). Each record of the customer rewrites its
 * point (status {@code LISTED}); leaving the list rewrites only {@code status} ({@code LEFT}) and
 * {@code updated}, so dashboards filter on the status; coming back lists the same point again, with
 * a new {@code since}.
 *
 * <p>InfluxDB merges the fields of a rewritten point with the old ones, so a field cannot be taken
 * away: when a customer's record drops an optional field its point had ({@code next_inspection},
 * the off-peak savings), the old point is marked {@code LEFT} and the customer gets a fresh one.
 * State: per customer ever listed here its point time and four numbers, kept, as its point stays in
 * InfluxDB.
 */
final class StrategyWorklist extends KeyedProcessFunction<String, WorklistEntry, MetricPoint> {
    private static final long serialVersionUID = 1L;

    private static final int AT = 0;
    private static final int SINCE = 1;
    private static final int UPDATED = 2;
    private static final int SHAPE = 3;
    private static final int LISTED = 4;

    /** customer → [point time, since, updated, shape, listed (1) or left (0)] */
    private transient MapState<String, long[]> customers;

    /** point time → the customer holding it */
    private transient MapState<Long, String> taken;

    @Override
    public void open(OpenContext openContext) {
        customers =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "worklist-customers",
                                        Types.STRING,
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        taken =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "worklist-point-times", Types.LONG, Types.STRING));
    }

    @Override
    public void processElement(WorklistEntry e, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        String series = ctx.getCurrentKey();
        String customerId = SharedIds.shared(e.customerId); // one copy of an id on the heap
        long[] known = customers.get(customerId);
        if (known != null && e.tsMillis < known[UPDATED]) {
            return; // older than what the point shows
        }
        if (!e.listed) {
            if (known != null && known[LISTED] == 1) {
                known[UPDATED] = e.tsMillis;
                known[LISTED] = 0;
                customers.put(customerId, known);
                out.collect(left(series, known[AT], e.tsMillis));
            }
            return;
        }
        if (known == null) {
            known = new long[] {take(customerId, e.tsMillis), e.tsMillis, 0, 0, 0};
        } else if ((known[SHAPE] & ~e.shape) != 0) {
            // A field the point has would stay: retire the point, give the customer a new one.
            if (known[LISTED] == 1) {
                out.collect(left(series, known[AT], e.tsMillis));
            }
            known[AT] = take(customerId, e.tsMillis);
        }
        if (known[LISTED] == 0) {
            known[SINCE] = e.tsMillis;
        }
        known[UPDATED] = e.tsMillis;
        known[SHAPE] = e.shape;
        known[LISTED] = 1;
        customers.put(customerId, known);
        out.collect(
                new MetricPoint(
                        Measurements.WORKLIST,
                        series,
                        e.fields
                                + ",status=\"LISTED\",since="
                                + known[SINCE]
                                + "i,updated="
                                + e.tsMillis
                                + "i",
                        known[AT]));
    }

    private static MetricPoint left(String series, long at, long tsMillis) {
        return new MetricPoint(
                Measurements.WORKLIST, series, "status=\"LEFT\",updated=" + tsMillis + "i", at);
    }

    /** The first free millisecond from the customer's slot in the minute of {@code ts}, on. */
    private long take(String customerId, long tsMillis) throws Exception {
        long minute = Math.floorDiv(tsMillis, 60_000L) * 60_000L;
        long slot = AlertWorklist.slotOf(customerId);
        for (long i = 0; ; i++) {
            long at = minute + (i < AlertWorklist.SLOTS ? (slot + i) % AlertWorklist.SLOTS : i);
            if (!taken.contains(at)) {
                taken.put(at, customerId);
                return at;
            }
        }
    }
}
