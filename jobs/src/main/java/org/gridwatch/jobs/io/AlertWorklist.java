package org.gridwatch.jobs.io;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.metric.Measurements;
import org.gridwatch.core.metric.MetricPoint;

/**
 * Each alert version as a point of {@link Measurements#ALERT_WORKLIST}, keyed by the point's tag
 * set (area and type). InfluxDB knows a point by measurement, tags and timestamp; the customer and
 * the alert id are fields (as tags they would make a series per customer), so the timestamp alone
 * tells the alerts of one area and type apart. Every alert therefore gets its own timestamp, fixed
 * when it is first seen and kept for all its versions:
 *
 * <ul>
 *   <li>the minute of its first version ({@code since}, to the minute) plus a slot of 0-59,999
 *       milliseconds: the alert id's hash, or the next free millisecond when another alert of the
 *       same area and type already holds it;
 *   <li>so a new version rewrites the alert's own point (new score, status, {@code updated}), and
 *       two alerts never write the same point.
 * </ul>
 *
 * A version older (by ts) than one already written is not written: the point keeps the newest. The
 * slot follows from the id alone unless two alerts of one area, type and minute hash alike (about 1
 * in 60,000 per pair); only then does the order of arrival decide which takes the next millisecond.
 * State: one entry per alert ever seen (its point time and first ts), kept, because its point stays
 * in InfluxDB (a CLOSED alert still holds its slot).
 */
final class AlertWorklist extends KeyedProcessFunction<String, AlertVersion, MetricPoint> {
    private static final long serialVersionUID = 1L;

    static final long SLOTS = 60_000L;

    /** alert id → [point time, since (earliest ts seen), ts of the version written last] */
    private transient MapState<String, long[]> alerts;

    /** point time → the alert id holding it */
    private transient MapState<Long, String> taken;

    @Override
    public void open(OpenContext openContext) {
        alerts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "alert-point-times",
                                        Types.STRING,
                                        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                                                .LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        taken =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "taken-point-times", Types.LONG, Types.STRING));
    }

    @Override
    public void processElement(AlertVersion v, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        long[] known = alerts.get(v.alertId);
        if (known == null) {
            long at = freeTime(v.alertId, v.tsMillis);
            known = new long[] {at, v.tsMillis, v.tsMillis};
            taken.put(at, v.alertId);
        } else if (v.tsMillis < known[2]) {
            // An older version overtaken by a newer one (they took different paths): the point
            // already shows the newer; only the first ts may be earlier.
            if (v.tsMillis < known[1]) {
                known[1] = v.tsMillis;
                alerts.put(v.alertId, known);
            }
            return;
        } else {
            known[2] = v.tsMillis;
        }
        alerts.put(v.alertId, known);
        out.collect(point(ctx.getCurrentKey(), v, known[0], known[1]));
    }

    static MetricPoint point(String series, AlertVersion v, long pointMillis, long sinceMillis) {
        String fields = v.fields + ",since=" + sinceMillis + "i,updated=" + v.tsMillis + "i";
        return new MetricPoint(Measurements.ALERT_WORKLIST, series, fields, pointMillis);
    }

    /** The first free millisecond from the id's slot in the minute of {@code since}, on. */
    private long freeTime(String alertId, long sinceMillis) throws Exception {
        long minute = Math.floorDiv(sinceMillis, 60_000L) * 60_000L;
        long slot = slotOf(alertId);
        for (long i = 0; ; i++) {
            // Past a full minute (60,000 alerts of one area and type in it), the next minutes.
            long at = minute + (i < SLOTS ? (slot + i) % SLOTS : i);
            if (!taken.contains(at)) {
                return at;
            }
        }
    }

    /** The alert id's own millisecond within a minute. */
    static long slotOf(String alertId) {
        // FNV-1a over the UTF-16 units: a fixed function of the id, unlike String.hashCode's
        // promise-free spread.
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < alertId.length(); i++) {
            h ^= alertId.charAt(i);
            h *= 0x100000001b3L;
        }
        return Math.floorMod(h, SLOTS);
    }
}
