package org.gridwatch.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.jobs.io.MonitorInputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.jobs.ops.AccountEvent;
import org.gridwatch.jobs.ops.AreaAdmission;
import org.gridwatch.jobs.ops.CountArrivals;
import org.gridwatch.jobs.ops.CustomerAccounts;
import org.gridwatch.jobs.ops.DailyPeakValley;
import org.gridwatch.jobs.ops.FleetValue;
import org.gridwatch.jobs.ops.IngestBuckets;
import org.gridwatch.jobs.ops.IngestCount;
import org.gridwatch.jobs.ops.InputKind;
import org.gridwatch.jobs.ops.LoadBuckets;
import org.gridwatch.jobs.ops.MeterEnrichment;
import org.gridwatch.jobs.ops.ParseRecords;
import org.gridwatch.jobs.ops.SupplyBuckets;

/**
 * The monitor job: validates every input, joins readings with the customer master, and keeps the
 * live metrics of the dashboards. The same job runs unbounded on Kafka and bounded over a folder of
 * files, with the same results, because everything it computes is in event time.
 *
 * <pre>
 * customers ───────────────┐
 * meter-readings ─ parse ──┴─ join (keyed by meter) ─┬─ load (and by TOU period) per area × class × 15 min ─┐
 *                                                    │    └─ system load ─ daily peak-valley rate ───────────┤
 * payments, inspections ─ parse ─────────────────────┴─ customer accounts (keyed by customer) ─ bills         │
 *                                                        └─ standings ─ fleet value (one key) ─ segments ───────┤
 * area-readings ─ parse ─ supply per area × 15 min ──────────────────────────────────────────────────────────┼─ metrics
 * every input ─ records / rejected / late per source × 15 min ───────────────────────────────────────────────┘
 * every rejection (parse, join, too late, duplicate payment) ─ rejected
 * </pre>
 */
public final class MonitorJob {

    private final MonitorInputs inputs;
    private final MonitorOutputs outputs;
    private final MonitorSettings settings;

    public MonitorJob(MonitorInputs inputs, MonitorOutputs outputs, MonitorSettings settings) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.settings = settings;
    }

    /** Runs on a Flink cluster ({@code flink run}); see {@link MonitorArgs} for the arguments. */
    public static void main(String[] args) throws Exception {
        MonitorArgs parsed;
        try {
            parsed = MonitorArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("monitor: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new MonitorJob(parsed.inputs(), parsed.outputs(), parsed.settings()).execute(env);
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute("GridWatch monitor");
    }

    /** The streams the steps of {@link #build} collect for the shared outputs. */
    private static final class Collected {
        final List<DataStream<Rejected>> parseRejected = new ArrayList<>();
        final List<DataStream<Rejected>> laterRejected = new ArrayList<>();
        final List<DataStream<IngestCount>> arrivals = new ArrayList<>();
        final List<DataStream<MetricPoint>> metrics = new ArrayList<>();
    }

    /** Wires the job into {@code env} without running it. */
    public void build(StreamExecutionEnvironment env) {
        configureCheckpoints(env);
        Collected c = new Collected();

        // The master holds no event time back: it is read to its end (or goes idle) and then
        // event time follows the readings.
        Optional<DataStream<Customer>> customers =
                parse(
                        env,
                        InputKind.CUSTOMERS,
                        WatermarkStrategy.<Customer>noWatermarks()
                                .withIdleness(settings.masterIdleness()),
                        c);
        Optional<DataStream<MeterReading>> readings =
                parse(env, InputKind.METER_READINGS, eventTime(InputKind.METER_READINGS), c);
        Optional<DataStream<AreaReading>> areaReadings =
                parse(env, InputKind.AREA_READINGS, eventTime(InputKind.AREA_READINGS), c);
        Optional<DataStream<Payment>> payments =
                parse(env, InputKind.PAYMENTS, eventTime(InputKind.PAYMENTS), c);
        Optional<DataStream<Inspection>> inspections =
                parse(env, InputKind.INSPECTIONS, eventTime(InputKind.INSPECTIONS), c);

        if (customers.isPresent() && readings.isPresent()) {
            meteredLoadAndBills(
                    customers.get(), readings.get(), accountEvents(payments, inspections), c);
        }
        areaReadings.ifPresent(stream -> areaSupply(stream, c));
        outputs.rejected(rejectedAndCounted(c));
        c.metrics.add(
                union(c.arrivals)
                        .keyBy(IngestCount::source)
                        .process(new IngestBuckets(settings.allowedLateness().toMillis()))
                        .name("records, rejected, late per source, 15 min")
                        .uid("ingest-buckets"));
        outputs.metrics(union(c.metrics));
    }

    private void configureCheckpoints(StreamExecutionEnvironment env) {
        if (!settings.checkpointInterval().isZero()) {
            env.enableCheckpointing(
                    settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        if (settings.checkpointDir() != null) {
            Configuration storage = new Configuration();
            storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
            env.configure(storage);
        }
    }

    /**
     * Readings joined with the master, then load per area × class, the customers' bills, and the
     * daily peak-valley rate.
     */
    private void meteredLoadAndBills(
            DataStream<Customer> customers,
            DataStream<MeterReading> readings,
            Optional<DataStream<AccountEvent>> accountEvents,
            Collected c) {
        SingleOutputStreamOperator<MeteredReading> metered =
                customers
                        .keyBy(Customer::meterId)
                        .connect(readings.keyBy(MeterReading::meterId))
                        .process(new MeterEnrichment(settings))
                        .returns(Types.POJO(MeteredReading.class))
                        .name("join readings with the customer master")
                        .uid("enrich-readings");
        c.laterRejected.add(metered.getSideOutput(ParseRecords.REJECTED));

        SingleOutputStreamOperator<MetricPoint> load =
                metered.keyBy(LoadBuckets::key)
                        .process(new LoadBuckets(settings))
                        .name("load per area and class, 15 min")
                        .uid("load-buckets");
        c.laterRejected.add(load.getSideOutput(ParseRecords.REJECTED));
        c.metrics.add(load);
        c.metrics.add(
                load.getSideOutput(LoadBuckets.SYSTEM_LOAD)
                        .keyBy(q -> DailyPeakValley.KEY)
                        .process(
                                new DailyPeakValley(
                                        settings.allowedLateness().toMillis(), settings.zone()))
                        .name("system peak and valley per day")
                        .uid("daily-peak-valley"));

        // Without payments or inspections (a replay folder may have neither) the accounts still
        // bill: an empty stream in their place, timed like the readings it is made from.
        DataStream<AccountEvent> events =
                accountEvents.orElseGet(
                        () ->
                                readings.flatMap(
                                                (MeterReading r,
                                                        Collector<AccountEvent> none) -> {})
                                        .returns(Types.POJO(AccountEvent.class))
                                        .name("no payments or inspections")
                                        .uid("no-account-events"));
        SingleOutputStreamOperator<Bill> bills =
                metered.keyBy(m -> m.customer().customerId())
                        .connect(events.keyBy(AccountEvent::customerId))
                        .process(new CustomerAccounts(settings))
                        .returns(Types.POJO(Bill.class))
                        .name("customer accounts: usage, bills, payments, credit")
                        .uid("customer-accounts");
        c.laterRejected.add(bills.getSideOutput(ParseRecords.REJECTED));
        outputs.bills(bills);
        fleetValue(bills.getSideOutput(CustomerAccounts.STANDINGS), c);
    }

    /** The customers' standings valued against the fleet: segments, and the fleet metrics. */
    private void fleetValue(DataStream<CustomerStanding> standings, Collected c) {
        SingleOutputStreamOperator<SegmentChange> segments =
                standings
                        .keyBy(s -> FleetValue.KEY)
                        .process(new FleetValue(settings.valueModel()))
                        .returns(Types.POJO(SegmentChange.class))
                        .name("fleet value: segments, revenue concentration")
                        .uid("fleet-value");
        c.metrics.add(segments.getSideOutput(FleetValue.METRICS));
        outputs.segments(segments);
    }

    /** Payments and inspection outcomes, the customer accounts' second input; empty if neither. */
    private static Optional<DataStream<AccountEvent>> accountEvents(
            Optional<DataStream<Payment>> payments, Optional<DataStream<Inspection>> inspections) {
        List<DataStream<AccountEvent>> events = new ArrayList<>();
        payments.ifPresent(
                p ->
                        events.add(
                                p.map(AccountEvent::of)
                                        .returns(Types.POJO(AccountEvent.class))
                                        .name("payments to accounts")
                                        .uid("payments-to-accounts")));
        inspections.ifPresent(
                i ->
                        events.add(
                                i.map(AccountEvent::of)
                                        .returns(Types.POJO(AccountEvent.class))
                                        .name("inspections to accounts")
                                        .uid("inspections-to-accounts")));
        return events.isEmpty() ? Optional.empty() : Optional.of(union(events));
    }

    private void areaSupply(DataStream<AreaReading> areaReadings, Collected c) {
        SingleOutputStreamOperator<AreaReading> admitted =
                areaReadings
                        .keyBy(AreaReading::areaId)
                        .process(
                                new AreaAdmission(
                                        settings.allowedLateness().toMillis(), settings.zone()))
                        .returns(Types.POJO(AreaReading.class))
                        .name("admit area readings: each quarter hour once")
                        .uid("admit-area-readings");
        c.laterRejected.add(admitted.getSideOutput(ParseRecords.REJECTED));
        SingleOutputStreamOperator<MetricPoint> supply =
                admitted.keyBy(AreaReading::areaId)
                        .process(
                                new SupplyBuckets(
                                        settings.allowedLateness().toMillis(), settings.zone()))
                        .name("area supply, 15 min")
                        .uid("supply-buckets");
        c.laterRejected.add(supply.getSideOutput(ParseRecords.REJECTED));
        c.metrics.add(supply);
    }

    /** Every rejection, from parsing and after it, each also counted for the ingest metrics. */
    private DataStream<Rejected> rejectedAndCounted(Collected c) {
        DataStream<Rejected> atParse =
                union(c.parseRejected)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Rejected>forBoundedOutOfOrderness(
                                                settings.outOfOrderness())
                                        .withTimestampAssigner((r, ts) -> r.eventMillis())
                                        .withIdleness(settings.idleness()))
                        .name("event time of rejected records")
                        .uid("rejected-event-time");
        c.arrivals.add(
                atParse.map(r -> new IngestCount(r.source(), r.eventMillis(), 1, 0, r.reason()))
                        .name("count rejected at parse")
                        .uid("count-rejected-at-parse"));
        if (c.laterRejected.isEmpty()) {
            return atParse;
        }
        DataStream<Rejected> later = union(c.laterRejected);
        c.arrivals.add(
                later.map(r -> new IngestCount(r.source(), r.eventMillis(), 0, 0, r.reason()))
                        .name("count rejected after parse")
                        .uid("count-rejected-after-parse"));
        return atParse.union(later);
    }

    private <T> WatermarkStrategy<T> eventTime(InputKind<T> kind) {
        InputKind.EventTimeOf<T> time = kind.eventTime();
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((value, ts) -> time.of(value))
                .withIdleness(settings.idleness());
    }

    /** Opens, parses and times one input, collecting its rejections and arrival counts. */
    private <T> Optional<DataStream<T>> parse(
            StreamExecutionEnvironment env,
            InputKind<T> kind,
            WatermarkStrategy<T> watermarks,
            Collected c) {
        String topic = kind.source().topic();
        return inputs.open(env, kind.source())
                .map(
                        raw -> {
                            TypeInformation<T> type = Types.POJO(kind.type());
                            SingleOutputStreamOperator<T> parsed =
                                    raw.process(new ParseRecords<>(kind, settings))
                                            .returns(type)
                                            .name("parse " + topic)
                                            .uid("parse-" + topic);
                            c.parseRejected.add(parsed.getSideOutput(ParseRecords.REJECTED));
                            SingleOutputStreamOperator<T> timed =
                                    parsed.assignTimestampsAndWatermarks(watermarks)
                                            .name("event time of " + topic)
                                            .uid("event-time-" + topic);
                            c.arrivals.add(
                                    timed.process(new CountArrivals<>(kind))
                                            .returns(Types.POJO(IngestCount.class))
                                            .name("count " + topic)
                                            .uid("count-" + topic));
                            return timed;
                        });
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> all = streams.get(0);
        for (int i = 1; i < streams.size(); i++) {
            all = all.union(streams.get(i));
        }
        return all;
    }
}
