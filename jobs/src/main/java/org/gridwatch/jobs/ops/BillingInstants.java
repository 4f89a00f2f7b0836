package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.metric.Bucket;
import org.gridwatch.core.value.CustomerStanding;

/**
 * The fleet value's clock, keyed by a shard of customers ({@link #key}): a quarter hour in which a
 * month's bills arrived ({@link CustomerStanding#monthClose}) is a billing, sent to every {@link
 * CustomerValue} task at the end of the quarter, before the watermark that closes it, so that the
 * customers billed and not billed alike are valued then. Holds a quarter hour's latest billed month
 * while it is open.
 */
public final class BillingInstants extends KeyedProcessFunction<String, CustomerStanding, Billing> {
    private static final long serialVersionUID = 1L;

    private transient MapState<Long, Integer> months;

    public static String key(CustomerStanding s) {
        return Integer.toString(Shards.of(s.customerId()));
    }

    @Override
    public void open(OpenContext openContext) {
        months =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "billed-months-by-quarter", Types.LONG, Types.INT));
    }

    @Override
    public void processElement(CustomerStanding s, Context ctx, Collector<Billing> out)
            throws Exception {
        if (!s.monthClose() || s.removed()) {
            return;
        }
        long quarterEnd = Bucket.startOf(ctx.timestamp()) + Bucket.MILLIS;
        Integer month = months.get(quarterEnd);
        if (month == null) {
            ctx.timerService().registerEventTimeTimer(quarterEnd);
        }
        months.put(quarterEnd, month == null ? s.billedMonth() : Math.max(month, s.billedMonth()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Billing> out)
            throws Exception {
        Integer month = months.get(timestamp);
        if (month != null) {
            months.remove(timestamp);
            out.collect(new Billing(timestamp, month));
        }
    }
}
