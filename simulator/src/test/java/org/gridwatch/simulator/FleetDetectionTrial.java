package org.gridwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.detect.AttackKind;
import org.gridwatch.core.detect.DayJudge;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.DayPrices;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.PeerGroup;
import org.gridwatch.core.detect.TheftCase;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Source;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.value.ValueModel;

/**
 * A quick trial of the theft detectors on a simulated fleet, in one process: the simulator's
 * readings go straight into core's detectors (own history, the area's class peers, the case), day
 * by day, as the monitor job runs them, without Flink. For tuning and for a second opinion on the
 * job's own figures (docs/detection.md). Args: customers days seed thieves-share theft-start-day.
 */
public final class FleetDetectionTrial {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args[0]);
        int days = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        double share = Double.parseDouble(args[3]);
        int start = Integer.parseInt(args[4]);
        SimulationConfig config =
                SimulationConfig.of(customers, days, seed)
                        .withTheft(TheftMix.of(share, start))
                        .withFaults(FaultRates.NONE);
        Collector sink = new Collector();
        long t0 = System.nanoTime();
        String cache = System.getProperty("trial.cache");
        java.nio.file.Path cached =
                cache == null ? null : java.nio.file.Path.of(cache + "-" + String.join("-", args));
        if (cached != null && java.nio.file.Files.exists(cached)) {
            sink.load(cached);
            System.out.printf("read %d days from %s%n", sink.days.size(), cached);
        } else {
            new FleetSimulator(config).run(sink, Progress.NONE);
            System.out.printf(
                    "simulated %d readings in %.1f s%n",
                    sink.readings, (System.nanoTime() - t0) / 1e9);
            if (cached != null) {
                sink.save(cached);
            }
        }

        TariffBook tariffs = TariffBook.presets(ZONE);
        PeriodLookup peak = tariffs.lookup(ValueModel.DEFAULT_PEAK_HOURS_TARIFF);
        LocalDate first = config.start();
        Map<String, UsageBaseline> baselines = new HashMap<>();
        Map<String, TheftCase> cases = new HashMap<>();
        Map<String, Double> maxScore = new HashMap<>();
        Map<String, Long> alarmedOn = new HashMap<>();
        Map<String, Long> startOf = new HashMap<>();
        sink.thieves.forEach(
                (c, t) -> startOf.put(c, LocalDate.parse(t.get("start").asText()).toEpochDay()));
        int alerts = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            long epochDay = date.toEpochDay();
            long dayStart = date.atStartOfDay(ZONE).toInstant().toEpochMilli();
            Map<String, List<DayReport>> byArea = new LinkedHashMap<>();
            for (Customer c : sink.customers.values()) {
                DayLoad load = sink.days.get(c.meterId() + "@" + epochDay);
                if (load == null) {
                    continue;
                }
                UsageBaseline b =
                        baselines.computeIfAbsent(c.customerId(), k -> new UsageBaseline());
                DayReport r =
                        DayJudge.close(
                                b,
                                load,
                                c,
                                DayPrices.restDay(peak, date),
                                DayPrices.peakHours(peak, dayStart),
                                DayPrices.hourPrices(tariffs, c.tariffId(), dayStart),
                                dayStart + 86_400_000L);
                byArea.computeIfAbsent(c.areaId(), k -> new ArrayList<>()).add(r);
            }
            // the class's median across the fleet, as the job's class peers tell each day
            Map<String, List<DayReport>> byClass = new LinkedHashMap<>();
            for (List<DayReport> area : byArea.values()) {
                for (DayReport r : area) {
                    byClass.computeIfAbsent(r.customerClass(), k -> new ArrayList<>()).add(r);
                }
            }
            byArea.clear();
            for (List<DayReport> cls : byClass.values()) {
                for (DayReport r : PeerGroup.withClassMedian(cls)) {
                    byArea.computeIfAbsent(r.areaId(), k -> new ArrayList<>()).add(r);
                }
            }
            for (List<DayReport> area : byArea.values()) {
                List<double[]> net = PeerGroup.netOfPeers(area);
                for (int i = 0; i < area.size(); i++) {
                    DayReport r = area.get(i);
                    TheftCase tc = cases.computeIfAbsent(r.customerId(), k -> new TheftCase());
                    Alert a = tc.onDay(r, net.get(i));
                    double score = tc.evidence.score(epochDay);
                    long from = startOf.getOrDefault(r.customerId(), first.toEpochDay() + start);
                    if (epochDay >= from) {
                        maxScore.merge(r.customerId(), score, Math::max);
                    }
                    if (a != null && a.status() == AlertStatus.OPEN) {
                        alerts++;
                        alarmedOn.putIfAbsent(r.customerId(), epochDay);
                    }
                }
            }
        }
        report(sink, maxScore, alarmedOn, startOf, alerts);
        if (Boolean.getBoolean("trial.missed")) {
            for (Map.Entry<String, JsonNode> t : sink.thieves.entrySet()) {
                if (!alarmedOn.containsKey(t.getKey())) {
                    TheftCase tc = cases.get(t.getKey());
                    Customer c = sink.customers.get(t.getKey());
                    System.out.printf(
                            "missed %s %s %s %s max %.3f smoothed %s%n",
                            t.getKey(),
                            c.customerClass(),
                            t.getValue().get("attack").asText(),
                            t.getValue().get("params"),
                            maxScore.getOrDefault(t.getKey(), 0.0),
                            tc == null ? "-" : java.util.Arrays.toString(tc.evidence.smoothed));
                }
            }
        }
    }

    private static void report(
            Collector sink,
            Map<String, Double> maxScore,
            Map<String, Long> alarmedOn,
            Map<String, Long> startOf,
            int alerts) {
        List<Double> pos = new ArrayList<>();
        List<Double> metered = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        int honest = 0;
        int falseAlarms = 0;
        Map<AttackKind, int[]> byKind = new EnumMap<>(AttackKind.class);
        Map<AttackKind, List<Long>> delays = new EnumMap<>(AttackKind.class);
        for (Customer c : sink.customers.values()) {
            double s = maxScore.getOrDefault(c.customerId(), 0.0);
            JsonNode t = sink.thieves.get(c.customerId());
            if (t == null) {
                neg.add(s);
                honest++;
                falseAlarms += alarmedOn.containsKey(c.customerId()) ? 1 : 0;
            } else {
                pos.add(s);
                AttackKind k = AttackKind.parse(t.get("attack").asText());
                if (k.effect() != AttackKind.Effect.AREA_ONLY) {
                    metered.add(s);
                }
                int[] counts = byKind.computeIfAbsent(k, x -> new int[2]);
                counts[0]++;
                Long on = alarmedOn.get(c.customerId());
                if (on != null && on >= startOf.get(c.customerId())) {
                    counts[1]++;
                    delays.computeIfAbsent(k, x -> new ArrayList<>())
                            .add(on - startOf.get(c.customerId()));
                }
            }
        }
        double wins = 0;
        for (double p : pos) {
            for (double q : neg) {
                wins += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        System.out.printf(
                "AUC %.4f; false alarms on %d of %d honest (%.2f%%); %d alerts opened%n",
                wins / ((double) pos.size() * neg.size()),
                falseAlarms,
                honest,
                100.0 * falseAlarms / honest,
                alerts);
        double meteredWins = 0;
        for (double p : metered) {
            for (double q : neg) {
                meteredWins += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        System.out.printf(
                "AUC without bypass (no meter shows it) %.4f%n",
                meteredWins / ((double) metered.size() * neg.size()));
        System.out.println("| attack | thieves | recall | median days to alert |");
        byKind.forEach(
                (k, c) -> {
                    List<Long> d = delays.getOrDefault(k, List.of());
                    d = new ArrayList<>(d);
                    d.sort(null);
                    System.out.printf(
                            "| %s | %d | %.3f | %s |%n",
                            k.label(),
                            c[0],
                            (double) c[1] / c[0],
                            d.isEmpty() ? "-" : d.get(d.size() / 2));
                });
    }

    /** Keeps what the trial needs from the simulator's records. */
    static final class Collector implements FleetSink {
        final EventCodec codec = new EventCodec();
        final ObjectMapper json = new ObjectMapper();
        final Map<String, Customer> customers = new LinkedHashMap<>();
        final Map<String, DayLoad> days = new HashMap<>();
        final Map<String, JsonNode> thieves = new HashMap<>();
        final List<String> customerLines = new ArrayList<>();
        final List<String> theftLines = new ArrayList<>();
        long readings;

        /**
         * Writes the customers, the theft truth and the closed days to {@code file} ({@code
         * -Dtrial.cache=PREFIX}: a later trial with the same arguments reads them instead of
         * simulating the fleet again, for tuning).
         */
        void save(java.nio.file.Path file) throws java.io.IOException {
            try (java.io.DataOutputStream out =
                    new java.io.DataOutputStream(
                            new java.io.BufferedOutputStream(
                                    java.nio.file.Files.newOutputStream(file)))) {
                out.writeInt(customerLines.size());
                for (String l : customerLines) {
                    out.writeUTF(l);
                }
                out.writeInt(theftLines.size());
                for (String l : theftLines) {
                    out.writeUTF(l);
                }
                out.writeInt(days.size());
                for (Map.Entry<String, DayLoad> e : days.entrySet()) {
                    DayLoad d = e.getValue();
                    out.writeUTF(e.getKey());
                    out.writeLong(d.epochDay);
                    out.writeLong(d.dayStartMillis);
                    for (float v : d.hourly) {
                        out.writeFloat(v);
                    }
                    out.writeInt(d.readings);
                    out.writeInt(d.zeroReadings);
                    out.writeInt(d.minutes);
                    for (float v : d.rates) {
                        out.writeFloat(v);
                    }
                    out.writeInt(d.intervalMinutes);
                    out.writeInt(d.events);
                    out.writeFloat(d.exportKwh);
                    out.writeDouble(d.registerStartKwh);
                    out.writeLong(d.registerStartMillis);
                    out.writeDouble(d.registerEndKwh);
                    out.writeLong(d.registerEndMillis);
                }
            }
        }

        void load(java.nio.file.Path file) throws java.io.IOException {
            try (java.io.DataInputStream in =
                    new java.io.DataInputStream(
                            new java.io.BufferedInputStream(
                                    java.nio.file.Files.newInputStream(file)))) {
                for (int n = in.readInt(); n > 0; n--) {
                    input(Source.CUSTOMERS, "", 0, in.readUTF());
                }
                for (int n = in.readInt(); n > 0; n--) {
                    truth(in.readUTF());
                }
                for (int n = in.readInt(); n > 0; n--) {
                    String key = in.readUTF();
                    DayLoad d = new DayLoad(in.readLong(), in.readLong());
                    for (int h = 0; h < d.hourly.length; h++) {
                        d.hourly[h] = in.readFloat();
                    }
                    d.readings = in.readInt();
                    d.zeroReadings = in.readInt();
                    d.minutes = in.readInt();
                    for (int i = 0; i < d.rates.length; i++) {
                        d.rates[i] = in.readFloat();
                    }
                    d.intervalMinutes = in.readInt();
                    d.events = in.readInt();
                    d.exportKwh = in.readFloat();
                    d.registerStartKwh = in.readDouble();
                    d.registerStartMillis = in.readLong();
                    d.registerEndKwh = in.readDouble();
                    d.registerEndMillis = in.readLong();
                    days.put(key, d);
                }
            }
        }

        @Override
        public void input(Source source, String key, long eventMillis, String line) {
            if (source == Source.CUSTOMERS) {
                if (codec.parseCustomer(line) instanceof Parsed.Ok<Customer> ok) {
                    customers.put(ok.value().customerId(), ok.value());
                    customerLines.add(line);
                }
            } else if (source == Source.METER_READINGS) {
                if (codec.parseReading(line) instanceof Parsed.Ok<MeterReading> ok) {
                    MeterReading r = ok.value();
                    LocalDate date =
                            Instant.ofEpochMilli(r.startMillis()).atZone(ZONE).toLocalDate();
                    long epochDay = date.toEpochDay();
                    days.computeIfAbsent(
                                    r.meterId() + "@" + epochDay,
                                    k ->
                                            new DayLoad(
                                                    epochDay,
                                                    date.atStartOfDay(ZONE)
                                                            .toInstant()
                                                            .toEpochMilli()))
                            .add(r);
                    readings++;
                }
            }
        }

        @Override
        public void truth(String line) throws java.io.IOException {
            JsonNode n = json.readTree(line);
            if (n.has("type") && n.get("type").asText().equals("theft")) {
                thieves.put(n.get("customerId").asText(), n);
                theftLines.add(line);
            }
        }

        @Override
        public void close() {}
    }
}
