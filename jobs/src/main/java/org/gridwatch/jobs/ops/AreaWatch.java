package org.gridwatch.jobs.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.core.detect.AreaBalance;
import org.gridwatch.core.detect.AreaTheftScores;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.LossMatch;
import org.gridwatch.core.detect.LossRegression;
import org.gridwatch.core.detect.PeerGroup;
import org.gridwatch.core.detect.TheftCase;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.TheftScore;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.state.TheftCaseCodec;
import org.gridwatch.jobs.types.SharedIds;

/**
 * The area's theft watch, keyed by area: the customers' judged days of one area arrive together
 * (they all close at the same instant), the peers' median deviation is taken out of each — the
 * customers of the same class in the area, or the whole area when the class has fewer than {@link
 * PeerGroup#MIN_MEMBERS} — and each customer's {@link TheftCase} decides its THEFT alert. The
 * area's supply readings of the day, against what its meters reported, make the area's balance
 * ({@link AreaBalance}) and its AREA_LOSS alert, which names the customers with the highest theft
 * scores. The day is balanced before the cases take it: each case matches its customer's drop with
 * the area's loss ({@link org.gridwatch.core.detect.LossMatch}), and the area's loss hour by hour
 * is regressed on its customers' metered hours ({@link LossRegression}), solved once a day.
 *
 * <p>Each customer's case is kept as its bytes ({@link TheftCaseCodec}), read and written once a
 * day at the area's day close. Each customer's theft score goes out on {@link #SCORES} when it has
 * moved ({@link TheftCase#publish}), alerted or not.
 */
public final class AreaWatch extends KeyedCoProcessFunction<String, DayReport, AreaReading, Alert>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** Every customer's theft score, when a day has moved it ({@link TheftCase#publish}). */
    public static final OutputTag<TheftScore> SCORES = new OutputTag<>("theft-scores") {};

    /** The area's customers by theft score, a point a day ({@link AreaTheftScores}). */
    public static final OutputTag<MetricPoint> METRICS = new OutputTag<>("theft-score-bands") {};

    private transient ClosingDays days;

    /** Each customer's theft case, by customer id, as {@link TheftCaseCodec} writes it. */
    private transient MapState<String, byte[]> cases;

    private transient boolean restored;

    /**
     * The cases as earlier releases kept them (POJOs, until c5a1549), registered only in a restored
     * operator and moved into {@link #cases} at the area's next day close.
     */
    private transient MapState<String, TheftCase> legacyCases;

    private transient MapState<Long, double[]> supplied;
    private transient ValueState<AreaBalance> balance;
    private transient ValueState<LossRegression> hourly;
    private final ZoneId zone;
    private final long grace;

    /** The theft score a THEFT alert opens at ({@link TheftCase#judge(DayReport, double)}). */
    private final double theftAlertScore;

    public AreaWatch(ZoneId zone, long allowedLatenessMillis) {
        this(zone, allowedLatenessMillis, TheftCase.RAISE);
    }

    public AreaWatch(ZoneId zone, long allowedLatenessMillis, double theftAlertScore) {
        this.zone = zone;
        this.grace = DayWatch.graceMillis(allowedLatenessMillis);
        this.theftAlertScore = TheftCase.checkedRaise(theftAlertScore);
    }

    @Override
    public void open(OpenContext openContext) {
        days = new ClosingDays(getRuntimeContext(), "waiting-days");
        cases =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "theft-case-bytes",
                                        Types.STRING,
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (restored) {
            legacyCases =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "theft-cases",
                                            Types.STRING,
                                            Types.POJO(TheftCase.class)));
        }
        supplied =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "supplied-hourly-kwh",
                                        Types.LONG,
                                        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        balance =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "area-balance", Types.POJO(AreaBalance.class)));
        hourly =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "hourly-balance", Types.POJO(LossRegression.class)));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    /** Moves the area's cases kept by an earlier release into {@link #cases}, once. */
    private void moveLegacyCases() throws Exception {
        if (legacyCases == null || legacyCases.isEmpty()) {
            return;
        }
        for (var e : legacyCases.entries()) {
            if (!cases.contains(e.getKey())) {
                cases.put(e.getKey(), TheftCaseCodec.caseBytes(e.getValue()));
            }
        }
        legacyCases.clear();
    }

    @Override
    public void processElement1(DayReport day, Context ctx, Collector<Alert> out) throws Exception {
        days.add(day, ctx.timerService());
    }

    /** The area's supply, by the day and hour it was delivered in, until that day closes. */
    @Override
    public void processElement2(AreaReading r, Context ctx, Collector<Alert> out) throws Exception {
        LocalDate date = Instant.ofEpochMilli(r.startMillis()).atZone(zone).toLocalDate();
        long closesAt = DayWatch.closesAt(date, zone, grace);
        if (closesAt <= ctx.timerService().currentWatermark()) {
            // Its day is balanced already. A guard only: the admission sends on the readings whose
            // day had not closed by its own event time (AreaAdmission.FOR_BALANCE), and those come
            // before event time here passes the close.
            return;
        }
        double[] hours = supplied.get(date.toEpochDay());
        if (hours == null) {
            hours = new double[COVERED_MINUTES + 1];
        }
        long dayStart = date.atStartOfDay(zone).toInstant().toEpochMilli();
        int hour = (int) Math.floorDiv(r.startMillis() - dayStart, 3_600_000L);
        hours[Math.max(0, Math.min(DayLoad.HOURS - 1, hour))] += r.kwh();
        if (hours.length > COVERED_MINUTES) {
            hours[COVERED_MINUTES] += r.intervalMinutes();
        }
        supplied.put(date.toEpochDay(), hours);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<DayReport> due = days.take(timestamp);
        if (due == null) {
            return;
        }
        moveLegacyCases();
        List<DayReport> closedDays = new ArrayList<>();
        List<DayReport> departures = new ArrayList<>();
        for (DayReport d : due) {
            (d.isDeparture() ? departures : closedDays).add(d);
        }
        if (!closedDays.isEmpty()) {
            closeDays(closedDays, ctx, out);
        }
        // After the days: a day closing at the same instant was the customer's last one here.
        LossRegression fit = departures.isEmpty() ? null : hourly.value();
        for (DayReport d : departures) {
            if (fit != null) {
                fit.remove(d.customerId()); // its slot free for a customer the area has
            }
            byte[] kept = cases.get(d.customerId());
            if (kept != null) {
                Alert alert = TheftCaseCodec.caseOf(kept).onDeparture(d);
                if (alert != null) {
                    out.collect(alert);
                }
                cases.remove(d.customerId());
            }
        }
        if (fit != null) {
            hourly.update(fit);
        }
    }

    /** The area's customers' days that closed at one instant: the balance, then each case. */
    private void closeDays(List<DayReport> due, OnTimerContext ctx, Collector<Alert> out)
            throws Exception {
        long epochDay = due.get(0).epochDay();
        AreaBalance.Measured meteredSide = AreaBalance.Measured.meters(due);
        double metered = meteredSide.kwh();
        double[] supplyHours = takeSupply(epochDay);
        Double supply = null;
        // A day whose meters' or transformer's readings missed more than a tenth of its energy is
        // not balanced: as with no supply, it is recorded as such and neither judged nor learned
        // from.
        if (supplyHours != null) {
            AreaBalance.Measured suppliedSide = suppliedOn(epochDay, supplyHours);
            if (meteredSide.complete() && suppliedSide.complete()) {
                supply = suppliedSide.kwh();
            }
        }
        // The day's balance first: each customer's case matches its drop with the area's loss.
        AreaBalance b = balance.value();
        if (b == null && supply != null) {
            b = new AreaBalance();
        }
        LossRegression fit = hourly.value();
        if (b != null) {
            boolean balanced = b.record(epochDay, supply == null ? 0 : supply, metered, due.size());
            if (balanced && LossRegression.hasHours(due)) {
                fit = fit == null ? new LossRegression() : fit;
                fit.addDay(epochDay, supplyHours, due);
                for (int i = 0; i < fit.ids.length; i++) {
                    fit.ids[i] = SharedIds.shared(fit.ids[i]); // one copy of an id on the heap
                }
                hourly.update(fit);
            }
        }
        List<double[]> net = PeerGroup.netOfPeers(due);
        double[] expectedKwh = PeerGroup.usualKwhAsPeersMoved(due);
        // Every case takes its day first, then the area's rise is shared among their matches
        // (a rise is stolen once), then each case is judged.
        List<TheftCase> taken = new ArrayList<>(due.size());
        List<LossMatch.Claimant> claimants = new ArrayList<>(due.size());
        for (int i = 0; i < due.size(); i++) {
            DayReport day = due.get(i);
            byte[] kept = cases.get(day.customerId());
            TheftCase c = kept == null ? new TheftCase() : TheftCaseCodec.caseOf(kept);
            Alert closed =
                    c.observe(
                            day,
                            net.get(i),
                            expectedKwh[i],
                            b,
                            fit == null ? null : fit.fit(day.customerId()));
            if (closed != null) {
                out.collect(closed);
            }
            taken.add(c);
            claimants.add(LossMatch.Claimant.of(day.customerId(), c.evidence));
        }
        LossMatch.share(claimants, epochDay);
        List<AreaBalance.Suspect> suspects = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            DayReport day = due.get(i);
            TheftCase c = taken.get(i);
            Alert alert = c.judge(day, theftAlertScore);
            TheftScore published = c.publish(day);
            cases.put(SharedIds.shared(day.customerId()), TheftCaseCodec.caseBytes(c));
            if (alert != null) {
                out.collect(alert);
            }
            if (published != null) {
                ctx.output(SCORES, published);
            }
            suspects.add(
                    new AreaBalance.Suspect(
                            day.customerId(), c.evidence.score(day.epochDay()), c.alertId != null));
        }
        List<Double> scores = new ArrayList<>(suspects.size());
        suspects.forEach(x -> scores.add(x.theftScore()));
        ctx.output(
                METRICS,
                AreaTheftScores.of(scores, theftAlertScore)
                        .point(
                                ctx.getCurrentKey(),
                                LocalDate.ofEpochDay(epochDay)
                                        .atStartOfDay(zone)
                                        .toInstant()
                                        .toEpochMilli()));
        if (b == null) {
            return; // no supply readings for the area: nothing to balance
        }
        if (supply != null) {
            // stamped with the days' own closing time (event data), not the timer's
            Alert alert =
                    b.onDay(
                            ctx.getCurrentKey(),
                            epochDay,
                            due.get(0).closedAtMillis(),
                            supply,
                            metered,
                            due.size(),
                            sorted(suspects));
            if (alert != null) {
                out.collect(alert);
            }
        }
        balance.update(b);
    }

    /**
     * Where the day's supply array keeps the minutes its readings cover, after the 24 hours' kWh. A
     * day kept before that (24 entries, in a savepoint of an older release) is taken as covered.
     */
    private static final int COVERED_MINUTES = DayLoad.HOURS;

    /** The day's supply, completed where its readings miss part of the day. */
    private AreaBalance.Measured suppliedOn(long epochDay, double[] hours) {
        double read = 0;
        for (int h = 0; h < DayLoad.HOURS; h++) {
            read += hours[h];
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        double dayMinutes =
                Duration.between(date.atStartOfDay(zone), date.plusDays(1).atStartOfDay(zone))
                        .toMinutes();
        double covered = hours.length > COVERED_MINUTES ? hours[COVERED_MINUTES] : dayMinutes;
        return AreaBalance.Measured.supply(read, covered, dayMinutes);
    }

    /**
     * The area's supply of the day by hour, kWh, then the minutes its readings cover (null without
     * readings); forgets it and earlier days.
     */
    private double[] takeSupply(long epochDay) throws Exception {
        double[] supply = supplied.get(epochDay);
        List<Long> done = new ArrayList<>();
        for (Long day : supplied.keys()) {
            if (day <= epochDay) {
                done.add(day);
            }
        }
        for (Long day : done) {
            supplied.remove(day);
        }
        return supply;
    }

    private static List<AreaBalance.Suspect> sorted(List<AreaBalance.Suspect> suspects) {
        suspects.sort(
                java.util.Comparator.comparingDouble(AreaBalance.Suspect::theftScore)
                        .reversed()
                        .thenComparing(AreaBalance.Suspect::customerId));
        return suspects;
    }
}
