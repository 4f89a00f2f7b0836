package org.gridwatch.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.gridwatch.core.billing.BillingSchedule;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.MasterChange;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.meter.MeteredReading;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.core.reliability.CustomerInterruption;
import org.gridwatch.core.reliability.ReliabilityAlertRule;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.core.whatif.ScenarioRecord;
import org.gridwatch.jobs.io.MonitorInputs;
import org.gridwatch.jobs.io.MonitorOutputs;
import org.gridwatch.jobs.io.Streams;
import org.gridwatch.jobs.ops.AccountEvent;
import org.gridwatch.jobs.ops.AreaAdmission;
import org.gridwatch.jobs.ops.AreaReliability;
import org.gridwatch.jobs.ops.AreaSupplyPoints;
import org.gridwatch.jobs.ops.AreaWatch;
import org.gridwatch.jobs.ops.ClassDeviations;
import org.gridwatch.jobs.ops.ClassMedian;
import org.gridwatch.jobs.ops.ClassMedians;
import org.gridwatch.jobs.ops.ClassPeers;
import org.gridwatch.jobs.ops.ClassSketch;
import org.gridwatch.jobs.ops.CustomerAccounts;
import org.gridwatch.jobs.ops.CustomerFeed;
import org.gridwatch.jobs.ops.CustomerSupplyWatch;
import org.gridwatch.jobs.ops.DailyPeakValley;
import org.gridwatch.jobs.ops.DealtCounts;
import org.gridwatch.jobs.ops.FleetReliability;
import org.gridwatch.jobs.ops.FleetValue;
import org.gridwatch.jobs.ops.IngestBuckets;
import org.gridwatch.jobs.ops.IngestCount;
import org.gridwatch.jobs.ops.IngestPartial;
import org.gridwatch.jobs.ops.IngestPartials;
import org.gridwatch.jobs.ops.IngestPreCounts;
import org.gridwatch.jobs.ops.InputKind;
import org.gridwatch.jobs.ops.LoadBuckets;
import org.gridwatch.jobs.ops.LoadPartial;
import org.gridwatch.jobs.ops.LoadPartials;
import org.gridwatch.jobs.ops.MasterTable;
import org.gridwatch.jobs.ops.MeterAssignment;
import org.gridwatch.jobs.ops.MeterEnrichment;
import org.gridwatch.jobs.ops.QuarterLoad;
import org.gridwatch.jobs.ops.Rejections;
import org.gridwatch.jobs.ops.ReliabilityDelta;
import org.gridwatch.jobs.ops.ServedChange;
import org.gridwatch.jobs.ops.ShadowFeed;
import org.gridwatch.jobs.ops.ShadowScenarios;
import org.gridwatch.jobs.ops.SplitArrivals;
import org.gridwatch.jobs.ops.SupplyFeed;
import org.gridwatch.jobs.ops.SystemLoadPartials;
import org.gridwatch.jobs.types.ReadingTypes;
import org.gridwatch.jobs.types.SharedIds;

/**
 * The monitor job: validates every input, joins readings with the customer master, and keeps the
 * live metrics of the dashboards. The same job runs unbounded on Kafka and bounded over a folder of
 * files, with the same results, because everything it computes is in event time.
 *
 * <pre>
 * (every source parses and times its records: watermarks per partition / file, FUTURE_TIMESTAMP)
 * customers ─ master table (keyed by customer) ─ meter assignments ─┐
 * meter-readings ───────────────────────────────── join (keyed by meter) ─┬─ load (and by TOU period): the join task's part, then per area × class × 15 min ─┐
 *                                                                         │    └─ system load (per shard, then one key) ─ daily peak-valley rate ┤
 * payments, inspections ─────────── (closed days and months) ─────────────┴─ customer accounts (keyed by customer) ─ bills         │
 *                                                                             ├─ standings ─ fleet value (FleetValue: by customer, range, area) ─ segments ─┤
 *                                                                             ├─ arrears ─ alerts ─────────────────────────────────┤
 *         (feed: what changes supply, in the join's task + segments) ─ customer supply (keyed by customer) ─ interruptions, SUPPLY_RELIABILITY alerts
 *                                              └─ reliability per area × segment (keyed by area) ─ fleet (keyed by segment) ─ metrics
 *                                                                             └─ judged days ─ class peers (keyed by area) ─ theft watch (keyed by area) ─ alerts ─┤
 *                                                                                                                         └─ every customer's theft score
 *                                                                                └─ deviations per class × shard ─ class medians ─┘ (broadcast)
 * area-readings ─ admit (keyed by area) ─ supply per area × 15 min ──────────────────────────────────────────────────────────────┼─ metrics
 * every input ─ records / rejected / late per source × shard, then per source × 15 min ────────────────────────────────────────┘
 * every rejection (source, join, admission, accounts, too late) ─ rejected
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
        final List<DataStream<Alert>> alerts = new ArrayList<>();
        DataStream<CustomerFeed> feed;
        DataStream<SegmentChange> segments;

        /** Whether payments come in, so that bills are followed until paid (credit, arrears). */
        boolean paymentsFollowed;
    }

    /** Wires the job into {@code env} without running it. */
    public void build(StreamExecutionEnvironment env) {
        configureCheckpoints(env);
        // Records handed between chained operators are not copied: no operator here changes a
        // record it received or keeps changing one it emitted (docs/benchmarks.md: the copies
        // cost more than the business).
        env.getConfig().enableObjectReuse();
        Collected c = new Collected();

        Optional<DataStream<MasterChange>> master = parse(env, InputKind.CUSTOMERS, c);
        Optional<DataStream<MeterReading>> readings = parse(env, InputKind.METER_READINGS, c);
        Optional<DataStream<AreaReading>> areaReadings = parse(env, InputKind.AREA_READINGS, c);
        Optional<DataStream<Payment>> payments = parse(env, InputKind.PAYMENTS, c);
        c.paymentsFollowed = payments.isPresent();
        Optional<DataStream<Inspection>> inspections = parse(env, InputKind.INSPECTIONS, c);
        Optional<DataStream<ScenarioRecord>> scenarios = parse(env, InputKind.TARIFF_SCENARIOS, c);

        Optional<DataStream<AreaReading>> supply =
                areaReadings.map(stream -> areaSupply(stream, c));
        if (master.isPresent() && readings.isPresent()) {
            DataStream<DayReport> days =
                    meteredLoadAndBills(
                            master.get(),
                            readings.get(),
                            accountEvents(payments, inspections),
                            scenarios,
                            c);
            SingleOutputStreamOperator<Alert> theftWatch = areaWatch(days, supply);
            c.alerts.add(theftWatch);
            outputs.theftScores(theftWatch.getSideOutput(AreaWatch.SCORES));
            c.metrics.add(theftWatch.getSideOutput(AreaWatch.METRICS));
            supplyReliability(c);
            outputs.alerts(Streams.union(c.alerts));
        }
        outputs.rejected(rejectedAndCounted(c));
        c.metrics.add(
                Streams.union(c.arrivals)
                        .keyBy(IngestCount::shardKey)
                        .process(new IngestPartials(settings.allowedLateness().toMillis()))
                        .returns(Types.POJO(IngestPartial.class))
                        .name("records, rejected, late per source shard, 15 min")
                        .uid("ingest-partials")
                        .keyBy(IngestPartial::source)
                        .process(new IngestBuckets(settings.allowedLateness().toMillis()))
                        .name("records, rejected, late per source, 15 min")
                        .uid("ingest-buckets"));
        outputs.metricStreams(c.metrics);
    }

    /**
     * Exactly-once checkpoints (aligned: every subtask of an operator sees the same watermarks
     * before a barrier, which {@link org.gridwatch.jobs.ops.ActedEventTime} relies on), kept when
     * the job is cancelled, so that a job started again resumes from the latest one ({@link
     * RetainedCheckpoints}), at most one a checkpoint interval after the last one completed. The
     * state backend is the cluster's unless the settings name one; RocksDB always checkpoints
     * incrementally.
     */
    private void configureCheckpoints(StreamExecutionEnvironment env) {
        if (!settings.checkpointInterval().isZero()) {
            env.enableCheckpointing(
                    settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        Configuration conf = new Configuration();
        // At least one interval of processing between two checkpoints: a heap-backend checkpoint
        // is a full copy of the state, and at a million customers one took longer than the 10 s
        // interval, so the next began as the last ended and snapshots took most of the CPU
        // (docs/benchmarks.md, session 12).
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, settings.checkpointInterval());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
        if (settings.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
        }
        if (settings.stateBackend() != null) {
            boolean rocksDb = MonitorSettings.ROCKSDB.equals(settings.stateBackend());
            conf.set(StateBackendOptions.STATE_BACKEND, settings.stateBackend());
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, rocksDb);
            if (rocksDb) {
                // Most of the job's state reads ask for a key that is not there (a meter's first
                // reading, a customer's first day, a reading's waiting list): without a filter
                // each reads every level of the tree (docs/benchmarks.md, session 14).
                conf.set(ROCKSDB_BLOOM_FILTER, true);
            }
        }
        env.configure(conf);
    }

    /**
     * RocksDB's {@code state.backend.rocksdb.use-bloom-filter} (off by Flink's default), named here
     * because the RocksDB backend is the cluster's library, not the job's.
     */
    static final ConfigOption<Boolean> ROCKSDB_BLOOM_FILTER =
            ConfigOptions.key("state.backend.rocksdb.use-bloom-filter")
                    .booleanType()
                    .defaultValue(false);

    /**
     * The master as a table, readings joined with it, then load per area × class, the customers'
     * bills, the daily peak-valley rate, and the shadow prices of live what-if scenarios.
     */
    private DataStream<DayReport> meteredLoadAndBills(
            DataStream<MasterChange> master,
            DataStream<MeterReading> readings,
            Optional<DataStream<AccountEvent>> accountEvents,
            Optional<DataStream<ScenarioRecord>> scenarios,
            Collected c) {
        DataStream<MeterAssignment> assignments =
                master.keyBy(SharedIds.keyOf(MasterChange::customerId))
                        .process(new MasterTable())
                        .returns(Types.POJO(MeterAssignment.class))
                        .name("customer master as a table, keyed by customer")
                        .uid("master-table");
        SingleOutputStreamOperator<CustomerFeed> feed =
                assignments
                        .keyBy(SharedIds.keyOf(MeterAssignment::meterId))
                        .connect(readings.keyBy(SharedIds.asCarried(MeterReading::meterId)))
                        .transform(
                                "join readings with the customer master",
                                ReadingTypes.CUSTOMER_FEED,
                                MeterEnrichment.operator(settings))
                        .uid("enrich-readings");
        c.laterRejected.add(feed.getSideOutput(Rejections.REJECTED));
        c.feed = feed;
        DataStream<MeteredReading> metered =
                feed.flatMap(
                                (CustomerFeed f, Collector<MeteredReading> out) -> {
                                    if (f.isReading()) {
                                        out.collect(f.metered());
                                    }
                                })
                        .returns(ReadingTypes.METERED_READING)
                        .name("admitted readings")
                        .uid("admitted-readings");

        SingleOutputStreamOperator<LoadPartial> loadPartials =
                metered.transform(
                                "load per area and class, this task's part",
                                ReadingTypes.LOAD_PARTIAL,
                                new LoadPartials(settings))
                        .uid("load-partials");
        c.laterRejected.add(loadPartials.getSideOutput(Rejections.REJECTED));
        SingleOutputStreamOperator<MetricPoint> load =
                loadPartials
                        .keyBy(LoadPartial::key)
                        .process(new LoadBuckets(settings))
                        .name("load per area and class, 15 min")
                        .uid("load-buckets");
        c.metrics.add(load);
        StreamExecutionEnvironment env = load.getExecutionEnvironment();
        List<ScenarioRecord> fixed = fixedScenarios(env, c);
        if (scenarios.isPresent() || !fixed.isEmpty()) {
            DataStream<ScenarioRecord> live =
                    scenarios.orElseGet(
                            () ->
                                    env.fromData(Types.POJO(ScenarioRecord.class), fixed.get(0))
                                            .filter(r -> false)
                                            .name("no live scenarios in a replay"));
            c.metrics.add(
                    load.getSideOutput(LoadBuckets.SHADOW_FEED)
                            .keyBy(ShadowFeed::key)
                            .connect(live.broadcast(ShadowScenarios.SCENARIOS))
                            .process(new ShadowScenarios(settings, fixed))
                            .name("shadow prices of live scenarios")
                            .uid("shadow-scenarios"));
        }
        c.metrics.add(
                load.getSideOutput(LoadBuckets.SYSTEM_LOAD)
                        .keyBy(QuarterLoad::shardKey)
                        .process(new SystemLoadPartials())
                        .returns(Types.POJO(QuarterLoad.class))
                        .name("system load per shard of areas and classes")
                        .uid("system-load-partials")
                        .keyBy(q -> DailyPeakValley.KEY)
                        .process(
                                new DailyPeakValley(
                                        settings.allowedLateness().toMillis(),
                                        settings.zone(),
                                        settings.pricing().tariffs().systemPeakValleyGap()))
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
                feed.filter(CustomerFeed::forAccounts)
                        .returns(ReadingTypes.CUSTOMER_FEED)
                        .name("the accounts' feed: master records, closed days and months")
                        .uid("accounts-feed")
                        .keyBy(SharedIds.asCarried(CustomerFeed::customerId))
                        .connect(events.keyBy(SharedIds.keyOf(AccountEvent::customerId)))
                        .process(new CustomerAccounts(settings, c.paymentsFollowed))
                        .returns(Types.POJO(Bill.class))
                        .name("customer accounts: usage, bills, payments, credit")
                        .uid("customer-accounts");
        c.laterRejected.add(bills.getSideOutput(Rejections.REJECTED));
        c.alerts.add(bills.getSideOutput(CustomerAccounts.ALERTS));
        outputs.bills(bills);
        fleetValue(bills.getSideOutput(CustomerAccounts.STANDINGS), c);
        return bills.getSideOutput(CustomerAccounts.DAYS);
    }

    /** The customers' standings valued against the fleet: segments, and the fleet metrics. */
    private void fleetValue(DataStream<CustomerStanding> standings, Collected c) {
        FleetValue.Outputs value =
                FleetValue.of(
                        standings,
                        settings.valueModel(),
                        new BillingSchedule(
                                settings.zone(), settings.allowedLateness().toMillis()));
        c.metrics.addAll(value.metrics());
        outputs.segments(value.segments());
        c.segments = value.segments();
    }

    /**
     * Supply reliability (docs/supply-reliability.md): each customer's interruptions from its
     * meters' flags, keyed by customer (SUPPLY_RELIABILITY alerts); SAIDI, SAIFI, CAIDI and MAIFI
     * per area and segment, keyed by area; the fleet's, keyed by segment.
     */
    private void supplyReliability(Collected c) {
        SingleOutputStreamOperator<CustomerInterruption> interruptions =
                c.feed.transform(
                                "what the supply watch needs of the feed",
                                ReadingTypes.CUSTOMER_FEED,
                                new SupplyFeed())
                        .uid("supply-feed")
                        .keyBy(SharedIds.asCarried(CustomerFeed::customerId))
                        .connect(c.segments.keyBy(SharedIds.keyOf(SegmentChange::customerId)))
                        .process(
                                new CustomerSupplyWatch(
                                        settings.zone(),
                                        ReliabilityAlertRule.DEFAULTS,
                                        settings.allowedLateness().toMillis()))
                        .returns(Types.POJO(CustomerInterruption.class))
                        .name("customer supply: interruptions, SUPPLY_RELIABILITY")
                        .uid("customer-supply");
        c.alerts.add(interruptions.getSideOutput(CustomerSupplyWatch.ALERTS));
        outputs.interruptions(interruptions);
        SingleOutputStreamOperator<MetricPoint> areas =
                interruptions
                        .keyBy(CustomerInterruption::areaId)
                        .connect(
                                interruptions
                                        .getSideOutput(CustomerSupplyWatch.SERVED)
                                        .keyBy(ServedChange::areaId))
                        .process(new AreaReliability(settings.zone()))
                        .name("supply reliability per area and segment")
                        .uid("area-reliability");
        c.metrics.add(areas);
        c.metrics.add(
                areas.getSideOutput(AreaReliability.DELTAS)
                        .keyBy(ReliabilityDelta::key)
                        .process(new FleetReliability(settings.zone()))
                        .name("supply reliability of the fleet, per segment")
                        .uid("fleet-reliability"));
    }

    /**
     * The customers' judged days, per area: the peers' common move taken out, each customer's theft
     * case and its THEFT alert; the area's supply against its meters, AREA_LOSS. Every customer's
     * theft score on the side ({@link AreaWatch#SCORES}).
     */
    private SingleOutputStreamOperator<Alert> areaWatch(
            DataStream<DayReport> days, Optional<DataStream<AreaReading>> supply) {
        // Without area readings (a replay folder may have none) the theft cases still run: an
        // empty supply in their place, timed like the days it is made from.
        DataStream<AreaReading> areaSupply =
                supply.orElseGet(
                        () ->
                                days.flatMap((DayReport d, Collector<AreaReading> none) -> {})
                                        .returns(Types.POJO(AreaReading.class))
                                        .name("no area readings")
                                        .uid("no-area-readings"));
        DataStream<ClassMedian> classMedians =
                days.keyBy(ClassDeviations::key)
                        .process(new ClassDeviations())
                        .returns(Types.POJO(ClassSketch.class))
                        .name("class deviations per shard of customers")
                        .uid("class-deviations")
                        .keyBy(ClassSketch::dayKey)
                        .process(new ClassMedians())
                        .returns(Types.POJO(ClassMedian.class))
                        .name("class medians across the fleet")
                        .uid("class-medians");
        DataStream<DayReport> withClassPeers =
                days.keyBy(DayReport::areaId)
                        .connect(classMedians.broadcast(ClassPeers.MEDIANS))
                        .process(new ClassPeers())
                        .returns(Types.POJO(DayReport.class))
                        .name("class peers: the class's median day across the fleet")
                        .uid("class-peers");
        return withClassPeers
                .keyBy(DayReport::areaId)
                .connect(areaSupply.keyBy(AreaReading::areaId))
                .process(
                        new AreaWatch(
                                settings.zone(),
                                settings.allowedLateness().toMillis(),
                                settings.theftAlertScore()))
                .name("theft watch per area: peers, cases, alerts")
                .uid("area-theft-watch");
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
        return events.isEmpty() ? Optional.empty() : Optional.of(Streams.union(events));
    }

    /**
     * Area supply metrics; returns the admitted area readings that still count for their day's
     * balance ({@link AreaAdmission#FOR_BALANCE}).
     */
    private DataStream<AreaReading> areaSupply(DataStream<AreaReading> areaReadings, Collected c) {
        SingleOutputStreamOperator<AreaReading> admitted =
                areaReadings
                        .keyBy(AreaReading::areaId)
                        .process(
                                new AreaAdmission(
                                        settings.allowedLateness().toMillis(), settings.zone()))
                        .returns(Types.POJO(AreaReading.class))
                        .name("admit area readings: each quarter hour once")
                        .uid("admit-area-readings");
        c.laterRejected.add(admitted.getSideOutput(Rejections.REJECTED));
        SingleOutputStreamOperator<MetricPoint> supply =
                admitted.keyBy(AreaReading::areaId)
                        .process(
                                new AreaSupplyPoints(
                                        settings.allowedLateness().toMillis(), settings.zone()))
                        .name("area supply, 15 min, as it arrives")
                        .uid("supply-buckets");
        c.laterRejected.add(supply.getSideOutput(Rejections.REJECTED));
        c.metrics.add(supply);
        return admitted.getSideOutput(AreaAdmission.FOR_BALANCE);
    }

    /** Every rejection, at the source and after it; the later ones also counted for ingest. */
    private DataStream<Rejected> rejectedAndCounted(Collected c) {
        DataStream<Rejected> atSource = Streams.union(c.parseRejected);
        if (c.laterRejected.isEmpty()) {
            return atSource;
        }
        DataStream<Rejected> later = Streams.union(c.laterRejected);
        c.arrivals.add(
                later.map(new DealtCounts<>(IngestCount::rejectedLater))
                        .returns(Types.POJO(IngestCount.class))
                        .name("count rejected after parse")
                        .uid("count-rejected-after-parse"));
        return atSource.union(later);
    }

    /**
     * A replay's scenarios, read now ({@link MonitorInputs#fixedScenarioRecords}): a later record
     * of the same name replaces an earlier one; a record the scenario rules refuse goes to {@code
     * rejected} as any input record would.
     */
    private List<ScenarioRecord> fixedScenarios(StreamExecutionEnvironment env, Collected c) {
        Map<String, ScenarioRecord> byName = new LinkedHashMap<>();
        List<Rejected> refused = new ArrayList<>();
        for (String raw : inputs.fixedScenarioRecords()) {
            Parsed<ScenarioRecord> parsed = ScenarioRecord.parse(raw);
            if (parsed instanceof Parsed.Ok<ScenarioRecord> ok) {
                byName.put(ok.value().name, ok.value());
            } else if (parsed instanceof Parsed.Bad<ScenarioRecord> bad) {
                refused.add(
                        new Rejected(
                                Source.TARIFF_SCENARIOS.topic(),
                                bad.reason(),
                                bad.detail(),
                                raw,
                                bad.eventMillis()));
            }
        }
        if (!refused.isEmpty()) {
            c.parseRejected.add(
                    env.fromData(refused, Types.POJO(Rejected.class))
                            .name("refused replay scenarios"));
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * Opens one input: its source parses and times the records (watermarks per Kafka partition or
     * file); every record is counted as read (in the source's task, {@link IngestPreCounts}), and
     * the rejected ones go aside.
     */
    private <T> Optional<DataStream<T>> parse(
            StreamExecutionEnvironment env, InputKind<T> kind, Collected c) {
        String topic = kind.topic();
        return inputs.open(env, kind, settings)
                .map(
                        arrivals -> {
                            c.arrivals.add(
                                    arrivals.transform(
                                                    "count " + topic,
                                                    Types.POJO(IngestCount.class),
                                                    new IngestPreCounts<T>(topic))
                                            .uid("count-" + topic));
                            SingleOutputStreamOperator<T> usable =
                                    arrivals.process(new SplitArrivals<>(kind))
                                            .returns(ReadingTypes.of(kind.type()))
                                            .name("usable " + topic)
                                            .uid("usable-" + topic);
                            c.parseRejected.add(usable.getSideOutput(Rejections.REJECTED));
                            return usable;
                        });
    }
}
