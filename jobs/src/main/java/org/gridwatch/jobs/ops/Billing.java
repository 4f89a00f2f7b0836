package org.gridwatch.jobs.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;

/**
 * A month's bills went out: from {@link BillingInstants} to every {@link CustomerValue} task, so
 * that each customer of the fleet takes part in the valuation, billed this month or not.
 *
 * @param atMillis the end of the quarter hour the bills were issued in: when the fleet is valued
 * @param month the latest month billed then, yyyymm; a customer without a bill since the same month
 *     a year before leaves the fleet
 */
public record Billing(long atMillis, int month) {

    /** How far behind event time broadcast state keyed by billing keeps them. */
    static final long KEEP_MILLIS = 400 * 86_400_000L;

    /**
     * Drops what is kept for billings more than {@link #KEEP_MILLIS} behind this task's event time
     * (its watermark), so never a billing whose timers have yet to fire here, however far behind
     * the others a task lags. Tasks may drop at different moments; what they drop no task needs.
     */
    static <V> void forgetOld(BroadcastState<Long, V> byBilling, long watermark) throws Exception {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        List<Long> old = new ArrayList<>();
        for (Map.Entry<Long, V> e : byBilling.entries()) {
            if (e.getKey() < watermark - KEEP_MILLIS) {
                old.add(e.getKey());
            }
        }
        for (Long at : old) {
            byBilling.remove(at);
        }
    }
}
