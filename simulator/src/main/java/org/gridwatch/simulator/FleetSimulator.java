package org.gridwatch.simulator;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.detect.AttackKind;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffPeriod;

/**
 * Simulates a utility's fleet quarter hour by quarter hour and streams every record to a {@link
 * FleetSink}: first the customer master, then, in event-time order, payments, inspections, meter
 * readings and area readings, with late, duplicated and re-sent readings where they arrive, and the
 * ground truth alongside. The same config gives the same records in the same order, byte for byte.
 *
 * <p>Not thread-safe; {@link #run} may be called again and repeats itself.
 */
public final class FleetSimulator {
    private static final long QUARTER = 15 * 60_000L;

    /**
     * Planned outages are announced a week ahead: the notice China's supply rules ask of a utility
     * (供电营业规则: seven days). The simulator writes the notice in the truth only.
     */
    private static final long PLANNED_NOTICE_MILLIS = 7 * 86_400_000L;

    private static final int PROGRESS_EVERY = 1 << 14;

    /** Day-to-day weather anomaly: AR(1), persistence 0.8, stationary σ 0.1 (±10% load). */
    private static final double WEATHER_PERSISTENCE = 0.8;

    private static final double WEATHER_SIGMA = 0.1;

    private final SimulationConfig config;

    // The state of one run.
    private FleetSink sink;
    private Progress progress;
    private EventJson json;
    private TruthJson truth;
    private Fleet fleet;
    private AreaSupply areas;
    private DelayedDelivery delayed;
    private ProfileRecollection recollection;
    private AreaResends areaResends;
    private Billing billing;
    private Inspections inspections;
    private Thief[] thieves;
    private int day;
    private long records;
    private long readings;
    private long readingLines;
    private long areaReadings;
    private long areaReadingLines;
    private long outages;
    private final long[] injected = new long[DeliveryFault.values().length];

    public FleetSimulator(SimulationConfig config) {
        this.config = config;
    }

    public SimulationConfig config() {
        return config;
    }

    /**
     * Runs the whole simulation into {@code sink}; does not close it.
     *
     * @throws InterruptedException when interrupted while pacing to {@link
     *     SimulationConfig#speed()}
     */
    public SimulationSummary run(FleetSink sink, Progress progress)
            throws IOException, InterruptedException {
        ZoneId zone = config.zone();
        this.sink = sink;
        this.progress = progress;
        json = new EventJson(zone);
        truth = new TruthJson(new EventTime(zone));
        fleet = new Fleet(config);
        thieves = Thieves.deal(fleet, config);
        MeterFaults.deal(fleet, config);
        areas =
                new AreaSupply(
                        fleet,
                        config.seed(),
                        config.outagesPerAreaYear(),
                        config.plannedOutagesPerAreaYear(),
                        config.lossPersistence(),
                        config.lossNoise());
        FaultRates faults = config.faults();
        delayed = new DelayedDelivery(Math.max(2, faults.maxLateMinutes() / 15));
        recollection =
                faults.overlapping() > 0 ? new ProfileRecollection(config.customers()) : null;
        areaResends = new AreaResends(fleet.areaCount(), config.seed(), faults);
        records = readings = readingLines = areaReadings = areaReadingLines = outages = 0;
        Arrays.fill(injected, 0);

        long startMillis = millis(config.start());
        billing = new Billing(fleet.customers, zone, startMillis, json, truth);
        inspections = new Inspections(fleet.customers);
        Pacer pacer = new Pacer(config.speed(), startMillis);
        writeMaster(startMillis);
        if (config.openingBill()) {
            billing.openingBills(config.start(), sink);
        }

        SplittableRandom weatherRandom = Seeds.stream(config.seed(), Seeds.FLEET, 1);
        double weather = WEATHER_SIGMA * weatherRandom.nextGaussian();
        double innovation =
                WEATHER_SIGMA * Math.sqrt(1 - WEATHER_PERSISTENCE * WEATHER_PERSISTENCE);
        long quarter = 0;
        LocalDate date = config.start();
        for (int d = 0; d < config.days(); d++, date = date.plusDays(1)) {
            if (d > 0 && date.getDayOfMonth() == 1) {
                billing.closeMonth(YearMonth.from(date.minusDays(1)), sink);
            }
            long dayStart = millis(date);
            long nextDay = millis(date.plusDays(1));
            int quarters = (int) ((nextDay - dayStart) / QUARTER);
            weather = WEATHER_PERSISTENCE * weather + innovation * weatherRandom.nextGaussian();
            day = d;
            beginDay(date, d, weather);
            billing.startOfDay(dayStart, date, sink);
            if (d > 0) {
                areas.beginDay();
            }
            for (long[] o : areas.planDay(quarter, quarters)) {
                outages++;
                sink.truth(outageTruth(o, false, startMillis));
            }
            if (!ClassProfile.isWeekend(date)) {
                for (long[] o : areas.planWorkday(quarter)) {
                    outages++;
                    sink.truth(outageTruth(o, true, startMillis));
                }
            }
            prepareThieves(date, d, quarter, quarters, dayStart);
            for (int k = 0; k < quarters; k++, quarter++) {
                long end = dayStart + (k + 1) * QUARTER;
                pacer.awaitEventTime(end);
                sendPaymentsAndInspections(end);
                areas.beginQuarter(quarter);
                simulateQuarter(k, quarter, end);
                records += delayed.release(quarter, sink);
                progress.update(records + billing.payments(), end);
            }
            billing.endOfDay(nextDay, d, date, sink);
            for (int a = 0; a < fleet.areaCount(); a++) {
                sink.truth(
                        truth.areaDay(
                                fleet.areaIds[a],
                                date,
                                areas.dayAcceptedWh[a],
                                areas.dayConsumedWh[a],
                                areas.daySuppliedWh[a]));
            }
            areas.clearDay();
        }
        long endMillis = millis(date);
        // The last month is billed only when the run covers it to its last day, as in the
        // monitor; its payments fall after the end.
        YearMonth last = YearMonth.from(date.minusDays(1));
        if (billing.billable(last, endMillis)) {
            billing.closeMonth(last, sink);
        }
        billing.finish(endMillis, sink);
        records += delayed.releaseAll(quarter, sink);
        for (Thief t : thieves) {
            sink.truth(truth.stolen(t));
        }
        for (DeliveryFault f : DeliveryFault.values()) {
            sink.truth(truth.injected(f, injected[f.ordinal()]));
        }
        SimulationSummary summary =
                new SimulationSummary(
                        config.customers(),
                        fleet.areaCount(),
                        readings,
                        readingLines,
                        areaReadings,
                        areaReadingLines,
                        billing.payments(),
                        inspections.count(),
                        outages,
                        injected[DeliveryFault.DUPLICATE.ordinal()],
                        injected[DeliveryFault.MISSING.ordinal()],
                        injected[DeliveryFault.LATE.ordinal()],
                        injected[DeliveryFault.OVERLAPPING.ordinal()],
                        injected[DeliveryFault.AREA_DUPLICATE.ordinal()],
                        injected[DeliveryFault.AREA_OVERLAPPING.ordinal()],
                        endMillis);
        sink.truth(truth.totals(summary));
        progress.finished(summary.records(), endMillis);
        return summary;
    }

    private void writeMaster(long startMillis) throws IOException {
        sink.truth(truth.run(config, fleet.areaCount()));
        for (int a = 0; a < fleet.areaCount(); a++) {
            sink.truth(truth.area(fleet.areaIds[a], fleet.areaCustomers[a], fleet.areaLoss[a]));
        }
        for (SimulatedCustomer c : fleet.customers) {
            sink.truth(truth.customer(c));
        }
        for (Thief t : thieves) {
            long quarters = t.customer.intervalQuarters * QUARTER;
            long tamperTs = millis(config.start().plusDays(t.startDay)) + quarters;
            long rollbackTs =
                    t.rollbackDay < 0
                            ? Long.MIN_VALUE
                            : millis(config.start().plusDays(t.rollbackDay)) + quarters;
            sink.truth(truth.theft(t, config.start().plusDays(t.startDay), tamperTs, rollbackTs));
        }
        for (SimulatedCustomer c : fleet.customers) {
            if (c.meterFault != null) {
                sink.truth(truth.meterFault(c, config.start()));
            }
        }
        for (SimulatedCustomer c : fleet.customers) {
            String id = c.master.customerId();
            sink.input(Source.CUSTOMERS, id, startMillis, json.customer(c.master));
            records++;
        }
    }

    /**
     * Sends the payments and inspections made up to and including {@code untilMillis}, merged in
     * event-time order.
     */
    private void sendPaymentsAndInspections(long untilMillis) throws IOException {
        for (long t = inspections.nextMillis(); t <= untilMillis; t = inspections.nextMillis()) {
            billing.sendDue(t, sink);
            Inspection i = inspections.poll();
            sink.input(Source.INSPECTIONS, i.customerId(), i.tsMillis(), json.inspection(i));
            sink.truth(truth.inspection(i));
            records++;
        }
        billing.sendDue(untilMillis, sink);
    }

    /**
     * Fixes each customer's expected energy per quarter hour for the day, the {@code day}-th of the
     * run (0 for the first), with the customer's trend.
     */
    /** The truth of an outage {@code [area, startQuarter, endQuarter]}. */
    private String outageTruth(long[] o, boolean planned, long startMillis) {
        int a = (int) o[0];
        long from = startMillis + o[1] * QUARTER;
        return truth.outage(
                fleet.areaIds[a],
                from,
                startMillis + o[2] * QUARTER,
                planned,
                fleet.areaCustomers[a],
                from - PLANNED_NOTICE_MILLIS);
    }

    private void beginDay(LocalDate date, int day, double weather) {
        boolean weekend = ClassProfile.isWeekend(date);
        CustomerClass[] classes = CustomerClass.values();
        double[] level = new double[classes.length];
        double[][] shape = new double[classes.length][];
        for (CustomerClass cls : classes) {
            ClassProfile p = ClassProfiles.of(cls);
            double weatherFactor = Math.max(0.3, 1 + p.weatherSensitivity() * weather);
            level[cls.ordinal()] =
                    p.seasonal(date) * (weekend ? p.weekendLevel() : 1) * weatherFactor;
            shape[cls.ordinal()] = weekend ? p.weekend() : p.workday();
        }
        for (SimulatedCustomer c : fleet.customers) {
            int i = c.profile.customerClass().ordinal();
            double s = c.profile.daySigma();
            double personal = Math.exp(s * c.load.nextGaussian() - 0.5 * s * s);
            c.dayShape = shape[i];
            c.trendFactor = Math.pow(1 + c.growth, day / 365.0);
            c.dayWhPerQuarter = c.kwhPerDay * c.trendFactor * 1000 / 96 * level[i] * personal;
            c.dayWh = 0;
        }
    }

    private void simulateQuarter(int quarterOfDay, long quarter, long end) throws IOException {
        boolean[] off = areas.off;
        int[] events = areas.events;
        long[] areaWh = areas.quarterWh;
        for (SimulatedCustomer c : fleet.customers) {
            Thief thief = c.thief;
            if (thief != null && thief.active) {
                stealQuarter(thief, quarterOfDay, quarter, end);
                continue;
            }
            int a = c.area;
            long wh = off[a] ? 0 : honestWh(c, quarterOfDay);
            if (c.ranOut && config.prepaidCutOff()) {
                wh = 0; // the meter's relay is open (the draw above keeps the load stream's place)
            }
            c.pendingWh += wh;
            c.pendingEvents |= events[a];
            c.dayWh += wh;
            areaWh[a] += wh;
            if (recollection != null) {
                recollection.record(c, quarterOfDay, wh, events[a]);
            }
            if ((quarterOfDay + 1) % c.intervalQuarters == 0) {
                if (c.spuriousDay == day
                        && quarterOfDay / c.intervalQuarters == c.spuriousReading) {
                    c.pendingEvents |= MeterEvent.COVER_OPEN.bit();
                    sink.truth(truth.spuriousEvent(c, MeterEvent.COVER_OPEN, end));
                }
                sendReading(c, quarterOfDay, quarter, end);
            }
        }
        for (int a = 0; a < fleet.areaCount(); a++) {
            long suppliedWh = areas.supplied(a);
            AreaReading r = new AreaReading(fleet.areaIds[a], end, 15, suppliedWh / 1000.0);
            sink.input(Source.AREA_READINGS, r.areaId(), end, json.areaReading(r));
            areaReadings++;
            areaReadingLines++;
            records++;
            AreaResends.Resend again = areaResends.draw(a, r, quarterOfDay, suppliedWh);
            if (again != null) {
                AreaReading copy = again.reading();
                resend(
                        again.fault(),
                        Source.AREA_READINGS,
                        copy.areaId(),
                        copy.endMillis(),
                        copy.intervalMinutes(),
                        json.areaReading(copy),
                        quarter,
                        end);
            }
        }
    }

    /**
     * The honest energy of a customer's quarter hour, Wh, with power on: draws the quarter's noise
     * from the customer's load stream.
     */
    private static long honestWh(SimulatedCustomer c, int quarterOfDay) {
        int halfHour = Math.floorMod(quarterOfDay - c.shiftQuarters, 96) >> 1;
        double sigma = c.profile.intervalSigma();
        double noise = Math.exp(sigma * c.load.nextGaussian() - 0.5 * sigma * sigma);
        return Math.min(
                c.capWhPerQuarter, Math.round(c.dayWhPerQuarter * c.dayShape[halfHour] * noise));
    }

    /**
     * Computes, for each thief stealing on the {@code day}-th day, the day's honest quarter hours
     * (the same draws, in the same order, as an honest day's) and the readings its meter reports of
     * them ({@link org.gridwatch.core.detect.TheftAttack#apply}), rounded to whole Wh.
     */
    private void prepareThieves(
            LocalDate date, int day, long firstQuarter, int quarters, long dayStart) {
        boolean weekend = ClassProfile.isWeekend(date);
        for (Thief t : thieves) {
            t.active = day >= t.startDay;
            if (!t.active) {
                continue;
            }
            SimulatedCustomer c = t.customer;
            if (t.honestWh.length != quarters) {
                t.honestWh = new long[quarters];
            }
            for (int k = 0; k < quarters; k++) {
                t.honestWh[k] = areas.offAt(c.area, firstQuarter + k) ? 0 : honestWh(c, k);
            }
            int iq = c.intervalQuarters;
            int n = quarters / iq;
            double[] honest = new double[n];
            for (int k = 0; k < quarters; k++) {
                honest[k / iq] += t.honestWh[k];
            }
            boolean[] peak = null;
            boolean[] valley = null;
            double[] donor = null;
            if (t.kind() == AttackKind.PEAK_SHIFT) {
                peak = new boolean[n];
                valley = new boolean[n];
                priceWindows(billing.lookup(c.index), dayStart, iq, peak, valley);
            } else if (t.kind() == AttackKind.SWAP) {
                ClassProfile p = ClassProfiles.of(Thief.donorClass(c.master.customerClass()));
                double[] shape = weekend ? p.weekend() : p.workday();
                donor = new double[n];
                for (int k = 0; k < quarters; k++) {
                    donor[k / iq] += shape[(k % 96) >> 1];
                }
            }
            t.dayOfAttack = day - t.startDay;
            double[] reported = t.attack.apply(honest, t.dayOfAttack, peak, valley, donor);
            if (t.reportedWh.length != n) {
                t.reportedWh = new long[n];
            }
            for (int r = 0; r < n; r++) {
                t.reportedWh[r] = Math.max(0, Math.round(reported[r]));
            }
        }
    }

    /**
     * The peak- and valley-priced intervals of a day, from the customer's tariff; a tariff without
     * both (flat or tiered prices) gets the usual Chinese windows: peak 08:00–11:00 and
     * 18:00–23:00, valley 23:00–07:00, by the interval's start.
     */
    static void priceWindows(
            PeriodLookup lookup, long dayStart, int iq, boolean[] peak, boolean[] valley) {
        boolean anyPeak = false;
        boolean anyValley = false;
        for (int r = 0; r < peak.length; r++) {
            TariffPeriod p = lookup.periodAt(dayStart + r * iq * QUARTER);
            peak[r] = p.isPeak();
            valley[r] = p == TariffPeriod.VALLEY || p == TariffPeriod.DEEP_VALLEY;
            anyPeak |= peak[r];
            anyValley |= valley[r];
        }
        if (anyPeak && anyValley) {
            return;
        }
        for (int r = 0; r < peak.length; r++) {
            int hour = (r * iq * 15 / 60) % 24;
            peak[r] = (hour >= 8 && hour < 11) || (hour >= 18 && hour < 23);
            valley[r] = hour >= 23 || hour < 7;
        }
    }

    /**
     * A thief's quarter hour: the area is supplied the honest energy (and a bypass's load beside
     * the meter); the meter reports the attacked series, its register advancing by what it reports.
     */
    private void stealQuarter(Thief t, int quarterOfDay, long quarter, long end)
            throws IOException {
        SimulatedCustomer c = t.customer;
        int a = c.area;
        int iq = c.intervalQuarters;
        long trueWh = t.honestWh[quarterOfDay];
        long extraWh = t.bypassWh(trueWh);
        areas.quarterWh[a] += trueWh + extraWh;
        t.trueWh += trueWh;
        t.bypassTotalWh += extraWh;
        c.pendingEvents |= areas.events[a];
        if (recollection != null) {
            recollection.record(
                    c, quarterOfDay, iq == 1 ? t.reportedWh[quarterOfDay] : 0, areas.events[a]);
        }
        if ((quarterOfDay + 1) % iq != 0) {
            return;
        }
        int r = quarterOfDay / iq;
        long wh = t.reportedWh[r];
        if (recollection != null && iq > 1) {
            // The meter's own load profile under-registers alike: the reported energy shared
            // over the interval's quarter hours as the honest energy was.
            int first = quarterOfDay - iq + 1;
            long honest = 0;
            for (int k = first; k <= quarterOfDay; k++) {
                honest += t.honestWh[k];
            }
            long left = wh;
            for (int k = first; k < quarterOfDay; k++) {
                long part = honest > 0 ? wh * t.honestWh[k] / honest : wh / iq;
                recollection.recordWh(c, k, part);
                left -= part;
            }
            recollection.recordWh(c, quarterOfDay, left);
        }
        c.pendingWh = wh;
        c.dayWh += wh;
        t.meteredWh += wh;
        if (r == 0 && day == t.startDay && t.tamper != null) {
            c.pendingEvents |= t.tamper.bit();
        }
        if (r == 0 && day == t.rollbackDay) {
            c.registerWh -= t.rollbackWh;
        }
        sendReading(c, quarterOfDay, quarter, end);
    }

    private void sendReading(SimulatedCustomer c, int quarterOfDay, long quarter, long end)
            throws IOException {
        long wh = c.pendingWh;
        c.registerWh += wh;
        String meterId = c.master.meterId();
        MeterFault.Kind broken =
                c.meterFault != null && c.meterFault.covers(day) ? c.meterFault.kind() : null;
        // A meter whose profile channel is broken reports nothing while its register counts (and
        // bills) the energy.
        long reportedWh = broken == MeterFault.Kind.INTERVALS_ZERO ? 0 : wh;
        String line =
                json.reading(
                        meterId,
                        end,
                        c.intervalMinutes(),
                        reportedWh / 1000.0,
                        c.registerWh / 1000.0,
                        Double.NaN,
                        c.pendingEvents);
        c.pendingWh = 0;
        c.pendingEvents = 0;
        readings++;
        DeliveryFault fault = drawFault(c);
        if (fault == DeliveryFault.OVERLAPPING
                && (broken != null || !ProfileRecollection.canRecollect(c, quarterOfDay))) {
            fault = null; // a broken meter's profile is not collected again
        }
        if (broken == MeterFault.Kind.SILENT) {
            billing.read(c, end, wh, c.registerWh, false, sink);
            return; // nothing reaches the head-end; the meter fault's truth line says so
        }
        billing.read(c, end, wh, c.registerWh, fault != DeliveryFault.MISSING, sink);
        if (fault == DeliveryFault.MISSING) {
            injected[DeliveryFault.MISSING.ordinal()]++;
            sink.truth(truth.fault(DeliveryFault.MISSING, meterId, end, end));
            return;
        }
        areas.dayAcceptedWh[c.area] += reportedWh;
        if (fault != DeliveryFault.LATE) {
            send(meterId, end, line);
        }
        if (fault == DeliveryFault.OVERLAPPING) {
            for (MeterReading r : recollection.recollect(c, quarterOfDay, end, c.registerWh)) {
                resend(
                        fault,
                        Source.METER_READINGS,
                        meterId,
                        r.endMillis(),
                        r.intervalMinutes(),
                        json.reading(r),
                        quarter,
                        end);
            }
        } else if (fault != null) {
            int maxDelay =
                    fault == DeliveryFault.DUPLICATE ? 2 : config.faults().maxLateMinutes() / 15;
            long release = quarter + 1 + c.delivery.nextInt(maxDelay);
            delayed.hold(release, Source.METER_READINGS, meterId, end, line);
            readingLines++;
            injected[fault.ordinal()]++;
            sink.truth(truth.fault(fault, meterId, end, end + (release - quarter) * QUARTER));
        }
        if ((readings & (PROGRESS_EVERY - 1)) == 0) {
            progress.update(records + billing.payments(), end);
        }
    }

    private DeliveryFault drawFault(SimulatedCustomer c) {
        FaultRates f = config.faults();
        if (!f.any()) {
            return null;
        }
        double u = c.delivery.nextDouble();
        if (u < f.missing()) {
            return DeliveryFault.MISSING;
        }
        if (u < f.missing() + f.duplicate()) {
            return DeliveryFault.DUPLICATE;
        }
        if (u < f.missing() + f.duplicate() + f.late()) {
            return DeliveryFault.LATE;
        }
        return u < f.missing() + f.duplicate() + f.late() + f.overlapping()
                ? DeliveryFault.OVERLAPPING
                : null;
    }

    /**
     * Holds a record the head-end sends again, of a meter or an area, until the end of the next
     * quarter hour (after the first delivery of everything it overlaps), and notes it in the truth.
     */
    private void resend(
            DeliveryFault fault,
            Source source,
            String key,
            long tsMillis,
            int intervalMinutes,
            String line,
            long quarter,
            long end)
            throws IOException {
        delayed.hold(quarter + 1, source, key, tsMillis, line);
        if (source == Source.AREA_READINGS) {
            areaReadingLines++;
        } else {
            readingLines++;
        }
        injected[fault.ordinal()]++;
        sink.truth(truth.resent(fault, source, key, tsMillis, intervalMinutes, end + QUARTER));
    }

    private void send(String meterId, long end, String line) throws IOException {
        sink.input(Source.METER_READINGS, meterId, end, line);
        readingLines++;
        records++;
    }

    private long millis(LocalDate date) {
        return date.atStartOfDay(config.zone()).toInstant().toEpochMilli();
    }
}
