package org.gridwatch.jobs.whatif;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.whatif.LoadSignature;

/**
 * Keyed by customer: the signatures of the customer's meters added up (a customer whose meter was
 * replaced has one per meter), with the customer's segment from the monitor's segments when given.
 */
final class CustomerSignature
        extends KeyedCoProcessFunction<
                String, LoadSignature, Tuple2<String, String>, LoadSignature> {

    private transient ValueState<LoadSignature> signature;
    private transient ValueState<String> segment;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        signature =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("signature", LoadSignature.class));
        segment = getRuntimeContext().getState(new ValueStateDescriptor<>("segment", String.class));
    }

    @Override
    public void processElement1(LoadSignature meter, Context ctx, Collector<LoadSignature> out)
            throws Exception {
        LoadSignature sum = signature.value();
        signature.update(sum == null ? meter : sum.plus(meter));
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processElement2(
            Tuple2<String, String> customerSegment, Context ctx, Collector<LoadSignature> out)
            throws Exception {
        segment.update(customerSegment.f1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LoadSignature> out)
            throws Exception {
        LoadSignature sum = signature.value();
        if (sum != null) {
            sum.segment = segment.value();
            out.collect(sum);
        }
    }
}
