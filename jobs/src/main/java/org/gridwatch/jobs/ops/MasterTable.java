package org.gridwatch.jobs.ops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MasterChange;
import org.gridwatch.jobs.types.SharedCustomers;

/**
 * The customer master as a table, keyed by customer id: each customer's current record. The meter
 * join is keyed by meter, and a tombstone names only the customer, so this is where a change is
 * turned into what it means for meters: a new or changed record assigns the customer's meter; a
 * customer that moved to another meter releases the old one; a removed customer releases its meter
 * and is forgotten. A tombstone for a customer never seen changes nothing (deleting what is not
 * there is done).
 */
public final class MasterTable extends KeyedProcessFunction<String, MasterChange, MeterAssignment> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<Customer> current;

    @Override
    public void open(OpenContext openContext) {
        current =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("customer", Types.POJO(Customer.class)));
    }

    @Override
    public void processElement(MasterChange change, Context ctx, Collector<MeterAssignment> out)
            throws Exception {
        Customer before = current.value();
        if (change.isRemoval()) {
            if (before != null) {
                out.collect(MeterAssignment.release(before, true));
                current.clear();
            }
            return;
        }
        Customer after = change.customer();
        if (before != null && !before.meterId().equals(after.meterId())) {
            out.collect(MeterAssignment.release(before, false));
        }
        out.collect(MeterAssignment.assign(after));
        current.update(SharedCustomers.shared(after));
    }
}
