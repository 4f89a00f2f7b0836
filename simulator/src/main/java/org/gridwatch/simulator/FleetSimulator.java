package org.gridwatch.simulator;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Source;

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
        areas = new AreaSupply(fleet, config.seed(), config.outagesPerAreaYear());
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
            beginDay(date, d, weather);
            for (long[] o : areas.planDay(quarter, quarters)) {
                outages++;
                String areaId = fleet.areaIds[(int) o[0]];
                sink.truth(
                        truth.outage(
                                areaId,
                                startMillis + o[1] * QUARTER,
                                startMillis + o[2] * QUARTER));
            }
            for (int k = 0; k < quarters; k++, quarter++) {
                long end = dayStart + (k + 1) * QUARTER;
                pacer.awaitEventTime(end);
                sendPaymentsAndInspections(end);
                areas.beginQuarter(quarter);
                simulateQuarter(k, quarter, end);
                records += delayed.release(quarter, sink);
                progress.update(records + billing.payments(), end);
            }
            billing.endOfDay(nextDay);
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
            int a = c.area;
            long wh = 0;
            if (!off[a]) {
                int halfHour = Math.floorMod(quarterOfDay - c.shiftQuarters, 96) >> 1;
                double sigma = c.profile.intervalSigma();
                double noise = Math.exp(sigma * c.load.nextGaussian() - 0.5 * sigma * sigma);
                wh =
                        Math.min(
                                c.capWhPerQuarter,
                                Math.round(c.dayWhPerQuarter * c.dayShape[halfHour] * noise));
            }
            c.pendingWh += wh;
            c.pendingEvents |= events[a];
            c.dayWh += wh;
            areaWh[a] += wh;
            if (recollection != null) {
                recollection.record(c, quarterOfDay, wh, events[a]);
            }
            if ((quarterOfDay + 1) % c.intervalQuarters == 0) {
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

    private void sendReading(SimulatedCustomer c, int quarterOfDay, long quarter, long end)
            throws IOException {
        long wh = c.pendingWh;
        c.registerWh += wh;
        String meterId = c.master.meterId();
        String line =
                json.reading(
                        meterId,
                        end,
                        c.intervalMinutes(),
                        wh / 1000.0,
                        c.registerWh / 1000.0,
                        Double.NaN,
                        c.pendingEvents);
        c.pendingWh = 0;
        c.pendingEvents = 0;
        readings++;
        DeliveryFault fault = drawFault(c);
        if (fault == DeliveryFault.OVERLAPPING
                && !ProfileRecollection.canRecollect(c, quarterOfDay)) {
            fault = null;
        }
        billing.read(c, end, wh, c.registerWh, fault != DeliveryFault.MISSING, sink);
        if (fault == DeliveryFault.MISSING) {
            injected[DeliveryFault.MISSING.ordinal()]++;
            sink.truth(truth.fault(DeliveryFault.MISSING, meterId, end, end));
            return;
        }
        areas.dayAcceptedWh[c.area] += wh;
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
