package org.gridwatch.jobs.whatif;

import java.time.ZoneOffset;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.whatif.LoadSignature;

/**
 * Keyed by meter: the meter's readings become one {@link LoadSignature}, handed on with the
 * customer the master names for that meter once the meter's input is read (batch execution fires
 * the end-of-key timer after the key's last record). A meter no customer names is counted, not
 * priced.
 */
final class SignatureBuilding
        extends KeyedCoProcessFunction<String, Customer, MeterReading, LoadSignature> {

    private final WhatIfSettings settings;
    private transient ValueState<LoadSignature> signature;
    private transient ValueState<Customer> customer;
    private transient HolidayCalendar calendar;
    private transient ZoneOffset zone;
    private transient Counter duplicates;
    private transient Counter unknownMeters;

    SignatureBuilding(WhatIfSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        signature =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("signature", LoadSignature.class));
        customer =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("customer", Customer.class));
        calendar = settings.pricing().calendar();
        zone = EventTime.DEFAULT_ZONE.getRules().getOffset(java.time.Instant.EPOCH);
        duplicates = getRuntimeContext().getMetricGroup().counter(WhatIfJob.DUPLICATES);
        unknownMeters = getRuntimeContext().getMetricGroup().counter(WhatIfJob.UNKNOWN_METERS);
    }

    @Override
    public void processElement1(Customer master, Context ctx, Collector<LoadSignature> out)
            throws Exception {
        customer.update(master);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processElement2(MeterReading reading, Context ctx, Collector<LoadSignature> out)
            throws Exception {
        LoadSignature current = signature.value();
        if (current == null) {
            current = new LoadSignature();
            current.meterId = reading.meterId();
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        if (!current.add(
                reading.startMillis(), reading.intervalMinutes(), reading.kwh(), calendar, zone)) {
            duplicates.inc();
        }
        signature.update(current);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LoadSignature> out)
            throws Exception {
        LoadSignature built = signature.value();
        Customer master = customer.value();
        if (built == null) {
            return; // a customer whose meter sent nothing: nothing to price
        }
        if (master == null) {
            unknownMeters.inc();
            return;
        }
        built.customerId = master.customerId();
        built.customerClass = master.customerClass().name();
        built.tariffId = master.tariffId();
        built.areaId = master.areaId();
        built.prepaid = master.prepaid();
        built.contractKw = master.hasContractKw() ? master.contractKw() : Double.NaN;
        out.collect(built.seal());
    }
}
