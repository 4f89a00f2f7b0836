package org.gridwatch.jobs.ops;

import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.core.reliability.ReliabilityLedger;

/**
 * An area's supply reliability, keyed by area (docs/supply-reliability.md): its customers'
 * interruptions and the customers it serves, per segment, in a {@link ReliabilityLedger}; the
 * {@code supply_reliability} points of the area (every segment and ALL, month to date and rolling
 * 12 months) at the end of each quarter hour in which something changed and at each local midnight;
 * what changed goes to the fleet as {@link ReliabilityDelta}s (side output {@link #DELTAS}), one
 * per fleet key (each segment and ALL), so no operator holds the whole fleet.
 *
 * <p>A change waits for its quarter hour: records run ahead of the watermark (a replay reads whole
 * files before event time moves), and a point stamped 08:30 must not count an outage of 10:00. A
 * point is stamped with the quarter hour's end (or the midnight) and holds the month of the instant
 * before it: the point at 1 March 00:00 is February's last. An interruption that began in an
 * earlier month (its end and the hold come after that midnight) rewrites that month's last points,
 * at the same instant.
 */
public final class AreaReliability
        extends KeyedCoProcessFunction<String, CustomerInterruption, ServedChange, MetricPoint> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<ReliabilityDelta> DELTAS =
            new OutputTag<>("reliability-deltas", Types.POJO(ReliabilityDelta.class)) {};

    /** Where changes without a time wait for the area's next write. */
    private static final long NO_TIME = Long.MIN_VALUE;

    private final ZoneId zone;

    private transient ValueState<ReliabilityLedger> ledger;
    private transient MapState<Long, ReliabilityLedger> waiting;
    private transient ValueState<Long> latestEvent;
    private transient ValueState<Long> midnightAt;

    public AreaReliability(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        ledger =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "ledger", Types.POJO(ReliabilityLedger.class)));
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "changes-by-quarter",
                                        Types.LONG,
                                        Types.POJO(ReliabilityLedger.class)));
        latestEvent =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("latest-event", Types.LONG));
        midnightAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("midnight", Types.LONG));
    }

    @Override
    public void processElement1(CustomerInterruption i, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        long quarterEnd = quarterEnd(ctx);
        ReliabilityLedger changes = changesOf(quarterEnd);
        changes.add(i.interruption(), ReliabilityLedger.slot(i.segment()), zone);
        waiting.put(quarterEnd, changes);
    }

    @Override
    public void processElement2(ServedChange s, Context ctx, Collector<MetricPoint> out)
            throws Exception {
        long quarterEnd = quarterEnd(ctx);
        ReliabilityLedger changes = changesOf(quarterEnd);
        changes.addServed(ReliabilityLedger.slot(s.segment()), s.delta());
        waiting.put(quarterEnd, changes);
    }

    private ReliabilityLedger changesOf(long quarterEnd) throws Exception {
        ReliabilityLedger l = waiting.get(quarterEnd);
        return l == null ? new ReliabilityLedger() : l;
    }

    /**
     * The end of the record's quarter hour, its write armed, and the next midnight's. A record
     * without a time (a removal from the master, which carries none) counts in the area's next
     * quarter hour after its latest, or at its next write when event time has not started.
     */
    private long quarterEnd(Context ctx) throws Exception {
        Long ts = ctx.timestamp();
        Long latest = latestEvent.value();
        long t =
                ts != null && ts != Long.MIN_VALUE
                        ? ts
                        : Math.max(
                                ctx.timerService().currentWatermark(),
                                latest == null ? Long.MIN_VALUE : latest);
        if (t == Long.MIN_VALUE) {
            return NO_TIME;
        }
        if (latest == null || t > latest) {
            latestEvent.update(t);
        }
        long quarterEnd = Bucket.startOf(t) + Bucket.MILLIS;
        ctx.timerService().registerEventTimeTimer(quarterEnd);
        if (midnightAt.value() == null) {
            armMidnight(t, ctx);
        }
        return quarterEnd;
    }

    private void armMidnight(long after, Context ctx) throws Exception {
        long next =
                Instant.ofEpochMilli(after)
                        .atZone(zone)
                        .toLocalDate()
                        .plusDays(1)
                        .atStartOfDay(zone)
                        .toInstant()
                        .toEpochMilli();
        midnightAt.update(next);
        ctx.timerService().registerEventTimeTimer(next);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricPoint> out)
            throws Exception {
        ReliabilityLedger changed = waiting.get(timestamp);
        ReliabilityLedger untimed = waiting.get(NO_TIME);
        if (untimed != null) {
            if (changed == null) {
                changed = untimed;
            } else {
                changed.addAll(untimed);
            }
            waiting.remove(NO_TIME);
        }
        Long midnight = midnightAt.value();
        if (midnight != null && midnight == timestamp) {
            Long latest = latestEvent.value();
            boolean withinInput =
                    ctx.timerService().currentWatermark() != Long.MAX_VALUE
                            || (latest != null && timestamp <= latest);
            if (withinInput) {
                armMidnight(timestamp, ctx);
            } else {
                midnightAt.clear();
                if (changed == null) {
                    return; // a day after the input ended: nothing happened in it
                }
            }
        }
        ReliabilityLedger all = ledger.value() == null ? new ReliabilityLedger() : ledger.value();
        if (changed != null) {
            all.addAll(changed);
            ledger.update(all);
            waiting.remove(timestamp);
        }
        int month = ReliabilityLedger.monthOf(timestamp - 1, zone);
        String area = ctx.getCurrentKey();
        int[] slots = ReliabilityPoints.allSlots();
        for (MetricPoint p : ReliabilityPoints.of(area, all, month, timestamp, slots)) {
            out.collect(p);
        }
        if (changed != null) {
            for (int m : changed.months) {
                if (m < month) {
                    long monthEnd = ReliabilityLedger.startOfNextMonth(m, zone);
                    for (MetricPoint p : ReliabilityPoints.of(area, all, m, monthEnd, slots)) {
                        out.collect(p);
                    }
                }
            }
        }
        sendDeltas(changed, month, timestamp, ctx);
    }

    /**
     * To every fleet key: the change of customers served (a tick at {@code timestamp} even when
     * nothing changed, so the fleet writes at the same instants), and each month's changed sums,
     * stamped as the area stamps that month.
     */
    private void sendDeltas(ReliabilityLedger changed, int month, long timestamp, Context ctx) {
        for (int slot = 0; slot < ReliabilityLedger.SLOTS; slot++) {
            String key = ReliabilityLedger.segment(slot);
            long served = changed == null ? 0 : changed.served[slot];
            ctx.output(DELTAS, new ReliabilityDelta(key, slot, -1, served, 0, 0, 0, timestamp));
            ctx.output(
                    DELTAS,
                    new ReliabilityDelta(
                            ReliabilityLedger.ALL_SEGMENTS, slot, -1, served, 0, 0, 0, timestamp));
            if (changed == null) {
                continue;
            }
            for (int k = 0; k < changed.months.length; k++) {
                int at = k * ReliabilityLedger.SLOTS + slot;
                if (changed.interruptions[at] == 0 && changed.momentary[at] == 0) {
                    continue;
                }
                int m = changed.months[k];
                long stamp = m >= month ? timestamp : ReliabilityLedger.startOfNextMonth(m, zone);
                for (String fleetKey : new String[] {key, ReliabilityLedger.ALL_SEGMENTS}) {
                    ctx.output(
                            DELTAS,
                            new ReliabilityDelta(
                                    fleetKey,
                                    slot,
                                    m,
                                    0,
                                    changed.interruptions[at],
                                    changed.minutes[at],
                                    changed.momentary[at],
                                    stamp));
                }
            }
        }
    }
}
