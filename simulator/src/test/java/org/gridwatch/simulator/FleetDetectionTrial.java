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
import org.gridwatch.core.detect.AreaBalance;
import org.gridwatch.core.detect.AttackKind;
import org.gridwatch.core.detect.DayJudge;
import org.gridwatch.core.detect.DayLoad;
import org.gridwatch.core.detect.DayPrices;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.detect.LossMatch;
import org.gridwatch.core.detect.LossRegression;
import org.gridwatch.core.detect.PeerGroup;
import org.gridwatch.core.detect.TheftCase;
import org.gridwatch.core.detect.TheftEvidence;
import org.gridwatch.core.detect.UsageBaseline;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AreaReading;
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
 * job's own figures (docs/detection.md). Args: customers days seed thieves-share theft-start-day
 * [start-spread-days, 0: every thief from the start day]. The area balance runs as the job's area
 * operator runs it, the area's supply readings against its customers' metered days, and its loss is
 * matched with each customer's drop ({@code LossMatch}); {@code -Dtrial.balance=false} leaves it
 * out, {@code -Dtrial.lossNoise=σ} simulates each area's unaccounted loss varying from day to day
 * by σ of its supply (the simulator's {@code --loss-noise}, persisting as {@code
 * -Dtrial.lossPersistence} says); the area's hourly loss is regressed on its customers' metered
 * hours ({@code LossRegression}), {@code -Dtrial.hourly=false} leaves it out. {@code
 * -Dtrial.final=FILE} writes each customer's case at the end ({@link #writeFinal}); {@code
 * -Dtrial.lossPersistence=ρ} simulates each area's loss persisting from day to day; {@code
 * -Dtrial.attacks=scale,ramp} deals only those attacks, in turn (the simulator's {@code
 * --attacks}).
 */
public final class FleetDetectionTrial {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(args[0]);
        int days = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        double share = Double.parseDouble(args[3]);
        int start = Integer.parseInt(args[4]);
        int spread = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        boolean balanced = !"false".equals(System.getProperty("trial.balance"));
        double lossNoise = Double.parseDouble(System.getProperty("trial.lossNoise", "0"));
        SimulationConfig config =
                SimulationConfig.of(customers, days, seed)
                        .withTheft(
                                new TheftMix(
                                        share,
                                        start,
                                        spread,
                                        TheftMix.parseKinds(
                                                System.getProperty("trial.attacks", "all"))))
                        .withFaults(FaultRates.NONE)
                        .withLossPersistence(
                                Double.parseDouble(
                                        System.getProperty("trial.lossPersistence", "0")))
                        .withLossNoise(lossNoise);
        Collector sink = new Collector();
        long t0 = System.nanoTime();
        String cache = System.getProperty("trial.cache");
        java.nio.file.Path cached =
                cache == null
                        ? null
                        : java.nio.file.Path.of(
                                cache
                                        + "-"
                                        + String.join("-", args)
                                        + (config.lossPersistence() > 0
                                                ? "-rho" + config.lossPersistence()
                                                : "")
                                        + (lossNoise > 0 ? "-noise" + lossNoise : ""));
        if (cached != null && java.nio.file.Files.exists(cached) && Collector.readable(cached)) {
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
        Map<String, AreaBalance> balances = new HashMap<>();
        Map<String, LossRegression> hourlyFits = new HashMap<>();
        boolean hourlyOn = !"false".equals(System.getProperty("trial.hourly"));
        Map<String, Double> maxHourly = new HashMap<>();
        Map<String, Double> maxMatch = new HashMap<>();
        Map<String, String> matchSeen = new HashMap<>();
        Map<String, Long> areaFlaggedOn = new HashMap<>();
        int areaAlerts = 0;
        Map<String, Double> maxScore = new HashMap<>();
        Map<String, Long> alarmedOn = new HashMap<>();
        Map<String, Long> startOf = new HashMap<>();
        sink.thieves.forEach(
                (c, t) -> startOf.put(c, LocalDate.parse(t.get("start").asText()).toEpochDay()));
        int alerts = 0;
        Map<String, Double> published = new HashMap<>();
        long publications = 0;
        java.io.PrintStream dump =
                System.getProperty("trial.dump") == null
                        ? null
                        : new java.io.PrintStream(
                                new java.io.BufferedOutputStream(
                                        new java.io.FileOutputStream(
                                                System.getProperty("trial.dump"))));
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
                double[] expectedKwh = PeerGroup.usualKwhAsPeersMoved(area);
                String areaId = area.get(0).areaId();
                Double supply = sink.supply.get(areaId + "@" + epochDay);
                AreaBalance balance = null;
                double metered = 0;
                for (DayReport r : area) {
                    metered += r.kwh();
                }
                if (balanced && supply != null) {
                    balance = balances.computeIfAbsent(areaId, k -> new AreaBalance());
                    boolean balancedDay = balance.record(epochDay, supply, metered, area.size());
                    double[] hours = sink.supplyHours.get(areaId + "@" + epochDay);
                    if (hourlyOn && balancedDay && hours != null && LossRegression.hasHours(area)) {
                        hourlyFits
                                .computeIfAbsent(areaId, k -> new LossRegression())
                                .addDay(epochDay, hours.clone(), area);
                    }
                }
                LossRegression fit = hourlyFits.get(areaId);
                List<AreaBalance.Suspect> suspects = new ArrayList<>();
                List<LossMatch.Claimant> claimants = new ArrayList<>();
                Alert[] closed = new Alert[area.size()];
                for (int i = 0; i < area.size(); i++) {
                    DayReport r = area.get(i);
                    TheftCase tc = cases.computeIfAbsent(r.customerId(), k -> new TheftCase());
                    closed[i] =
                            tc.observe(
                                    r,
                                    net.get(i),
                                    expectedKwh[i],
                                    balance,
                                    fit == null ? null : fit.fit(r.customerId()));
                    claimants.add(LossMatch.Claimant.of(r.customerId(), tc.evidence));
                }
                if (!"false".equals(System.getProperty("trial.share"))) {
                    LossMatch.share(claimants, epochDay);
                }
                for (int i = 0; i < area.size(); i++) {
                    DayReport r = area.get(i);
                    TheftCase tc = cases.get(r.customerId());
                    Alert a = closed[i] != null ? closed[i] : tc.judge(r);
                    org.gridwatch.core.event.TheftScore pub = tc.publish(r);
                    if (pub != null) {
                        published.put(r.customerId(), pub.score());
                        publications++;
                    }
                    suspects.add(
                            new AreaBalance.Suspect(r.customerId(), tc.evidence.score(epochDay)));
                    double score = tc.evidence.score(epochDay);
                    if (dump != null) {
                        JsonNode th = sink.thieves.get(r.customerId());
                        dump.printf(
                                "%s %s %d %.4f %.4f %d%n",
                                r.customerId(),
                                th == null ? "-" : AttackKind.parse(th.get("attack").asText()),
                                epochDay,
                                tc.evidence.strength(epochDay) - tc.evidence.meterPart(epochDay),
                                tc.evidence.strength(epochDay),
                                startOf.getOrDefault(r.customerId(), -1L));
                    }
                    long from = startOf.getOrDefault(r.customerId(), first.toEpochDay() + start);
                    if (epochDay >= from) {
                        maxScore.merge(r.customerId(), score, Math::max);
                        maxHourly.merge(
                                r.customerId(), (double) tc.evidence.hourlySpreads, Math::max);
                        double m = tc.evidence.areaLoss.theftSpreads();
                        if (m > maxMatch.getOrDefault(r.customerId(), 0.0)) {
                            maxMatch.put(r.customerId(), m);
                            matchSeen.put(
                                    r.customerId(),
                                    LocalDate.ofEpochDay(epochDay)
                                            + " "
                                            + match(tc.evidence.areaLoss));
                        }
                    }
                    if (a != null && a.status() == AlertStatus.OPEN) {
                        alerts++;
                        alarmedOn.putIfAbsent(r.customerId(), epochDay);
                    }
                }
                if (balance != null) {
                    suspects.sort(
                            java.util.Comparator.comparingDouble(AreaBalance.Suspect::theftScore)
                                    .reversed()
                                    .thenComparing(AreaBalance.Suspect::customerId));
                    Alert a =
                            balance.onDay(
                                    areaId,
                                    epochDay,
                                    dayStart + 86_400_000L,
                                    supply,
                                    metered,
                                    area.size(),
                                    suspects);
                    if (a != null && a.status() == AlertStatus.OPEN) {
                        areaAlerts++;
                        areaFlaggedOn.putIfAbsent(areaId, epochDay);
                    }
                }
            }
        }
        if (dump != null) {
            dump.close();
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "theft scores published: %d, %.3f a customer a day%n",
                publications,
                (double) publications / Math.max(1, cases.size()) / days);
        if (System.getProperty("trial.final") != null) {
            writeFinal(
                    System.getProperty("trial.final"),
                    sink,
                    cases,
                    balances,
                    published,
                    first.plusDays(days - 1).toEpochDay());
        }
        report(sink, maxScore, alarmedOn, startOf, alerts);
        if (balanced) {
            reportAreas(sink, areaFlaggedOn, startOf, areaAlerts);
            reportMatches(sink, maxMatch);
            reportHourly(sink, hourlyFits, maxHourly);
            if (Boolean.getBoolean("trial.matches")) {
                matchSeen.forEach(
                        (c, m) -> {
                            if (maxMatch.get(c) > 0.5) {
                                JsonNode t = sink.thieves.get(c);
                                System.out.printf(
                                        "match %s %s %s: %s%n",
                                        t == null ? "honest" : t.get("attack").asText(),
                                        c,
                                        sink.customers.get(c).customerClass(),
                                        m);
                            }
                        });
            }
        }
        if (Boolean.getBoolean("trial.missed")) {
            for (Map.Entry<String, Long> a : alarmedOn.entrySet()) {
                if (!sink.thieves.containsKey(a.getKey())) {
                    TheftCase tc = cases.get(a.getKey());
                    System.out.printf(
                            "false alarm %s %s on %s max %.3f smoothed %s area %s%n",
                            a.getKey(),
                            sink.customers.get(a.getKey()).customerClass(),
                            LocalDate.ofEpochDay(a.getValue()),
                            maxScore.getOrDefault(a.getKey(), 0.0),
                            java.util.Arrays.toString(tc.evidence.smoothed),
                            match(tc.evidence.areaLoss));
                }
            }
            for (Map.Entry<String, JsonNode> t : sink.thieves.entrySet()) {
                if (!alarmedOn.containsKey(t.getKey())) {
                    TheftCase tc = cases.get(t.getKey());
                    Customer c = sink.customers.get(t.getKey());
                    System.out.printf(
                            "missed %s %s %s %s max %.3f smoothed %s area %s%n",
                            t.getKey(),
                            c.customerClass(),
                            t.getValue().get("attack").asText(),
                            t.getValue().get("params"),
                            maxScore.getOrDefault(t.getKey(), 0.0),
                            tc == null ? "-" : java.util.Arrays.toString(tc.evidence.smoothed),
                            tc == null ? "-" : match(tc.evidence.areaLoss));
                }
            }
        }
    }

    /**
     * Each customer's case at the end, a line each ({@code -Dtrial.final=FILE}): id, attack (or -),
     * area, the area's customers, S, the score, the area's smoothed excess loss (spreads), usual
     * loss rate and its spread, the usual day's kWh, the hourly fit's β and its standard error, the
     * recent day's kWh, the score last published ({@code TheftCase#publish}, as the job's
     * theft-scores), and the area's day-to-day persistence of its loss ({@code
     * AreaBalance#persistence}).
     */
    static void writeFinal(
            String path,
            Collector sink,
            Map<String, TheftCase> cases,
            Map<String, AreaBalance> balances,
            Map<String, Double> published,
            long last)
            throws java.io.IOException {
        Map<String, Integer> members = new HashMap<>();
        sink.customers.values().forEach(c -> members.merge(c.areaId(), 1, Integer::sum));
        try (java.io.PrintStream f = new java.io.PrintStream(path)) {
            for (Customer c : sink.customers.values()) {
                TheftCase tc = cases.get(c.customerId());
                if (tc == null) {
                    continue;
                }
                JsonNode th = sink.thieves.get(c.customerId());
                AreaBalance b = balances.get(c.areaId());
                TheftEvidence e = tc.evidence;
                f.printf(
                        java.util.Locale.ROOT,
                        "%s %s %s %d %.4f %.4f %.4f %.5f %.5f %.3f %.3f %.3f %.3f %.3f %.3f%n",
                        c.customerId(),
                        th == null ? "-" : th.get("attack").asText(),
                        c.areaId(),
                        members.get(c.areaId()),
                        e.strength(last),
                        e.score(last),
                        b == null ? Double.NaN : b.excess,
                        b == null ? Double.NaN : b.usualLossRate,
                        b == null ? Double.NaN : b.lossSpread,
                        e.usualKwh,
                        e.hourlyBeta,
                        e.hourlyBetaSe,
                        e.recentKwh,
                        published.getOrDefault(c.customerId(), Double.NaN),
                        b == null ? Double.NaN : b.persistence());
            }
        }
    }

    /** A customer's match with its area's loss, for -Dtrial.missed. */
    static String match(LossMatch m) {
        return String.format(
                java.util.Locale.ROOT,
                "from %s days %d drop %.2f rise %.2f supply %.0f spread %.4f spreads %.2f",
                m.from == Integer.MIN_VALUE ? "-" : LocalDate.ofEpochDay(m.from),
                m.days,
                m.meanDropKwh(),
                m.meanRiseKwh(),
                m.days == 0 ? Double.NaN : m.suppliedKwh / m.days,
                m.beforeSpread,
                m.spreads);
    }

    /**
     * What the area's loss added to the cases (the most each customer's match added on a day from
     * the theft's start on): per kind, and for the honest, how many got more than 0.1, 0.5, 1.
     */
    private static void reportMatches(Collector sink, Map<String, Double> maxMatch) {
        Map<String, int[]> counts = new java.util.TreeMap<>();
        for (Customer c : sink.customers.values()) {
            JsonNode t = sink.thieves.get(c.customerId());
            String kind = t == null ? "honest" : t.get("attack").asText();
            double m = maxMatch.getOrDefault(c.customerId(), 0.0);
            int[] k = counts.computeIfAbsent(kind, x -> new int[4]);
            k[0]++;
            k[1] += m > 0.1 ? 1 : 0;
            k[2] += m > 0.5 ? 1 : 0;
            k[3] += m > 1 ? 1 : 0;
        }
        counts.forEach(
                (k, c) ->
                        System.out.printf(
                                "area match %s: %d customers, > 0.1: %d, > 0.5: %d, > 1: %d%n",
                                k, c[0], c[1], c[2], c[3]));
    }

    /**
     * The area's hourly fit at the end: per kind, the customers' β in standard errors (median, and
     * how many above 2 and 3: for the honest, the share above 2 should be near a normal's 2.3% if
     * the standard errors are honest), and how many got more than 0.5 and 1 spread from it.
     */
    private static void reportHourly(
            Collector sink, Map<String, LossRegression> fits, Map<String, Double> maxHourly) {
        Map<String, List<Double>> ts = new java.util.TreeMap<>();
        Map<String, int[]> spreads = new java.util.TreeMap<>();
        for (Customer c : sink.customers.values()) {
            LossRegression fit = fits.get(c.areaId());
            LossRegression.Fit f = fit == null ? null : fit.fit(c.customerId());
            JsonNode t = sink.thieves.get(c.customerId());
            String kind = t == null ? "honest" : t.get("attack").asText();
            if (f != null) {
                ts.computeIfAbsent(kind, x -> new ArrayList<>()).add(f.t());
            }
            if (Boolean.getBoolean("trial.hourlyDebug") && t != null && f != null) {
                System.out.printf(
                        "hourly %s %s %s: β %.3f ± %.3f; area b %.3f c %.3g σ %.3f ρ %.2f n %d%n",
                        kind,
                        c.customerId(),
                        t.get("params"),
                        f.beta(),
                        f.se(),
                        fit.commonShare,
                        fit.loadLoss,
                        fit.sigma,
                        fit.rho,
                        fit.ids.length);
            }
            double m = maxHourly.getOrDefault(c.customerId(), 0.0);
            int[] k = spreads.computeIfAbsent(kind, x -> new int[3]);
            k[0]++;
            k[1] += m > 0.5 ? 1 : 0;
            k[2] += m > 1 ? 1 : 0;
        }
        ts.forEach(
                (k, v) -> {
                    v.sort(null);
                    long above2 = v.stream().filter(x -> x > 2).count();
                    long above3 = v.stream().filter(x -> x > 3).count();
                    int[] s = spreads.get(k);
                    System.out.printf(
                            "hourly %s: %d fitted, t median %.2f, > 2: %d, > 3: %d; spreads > 0.5:"
                                    + " %d, > 1: %d of %d%n",
                            k, v.size(), v.get(v.size() / 2), above2, above3, s[1], s[2], s[0]);
                });
    }

    /** AREA_LOSS: the areas with a bypass thief flagged on or after its first day, as evaluate. */
    private static void reportAreas(
            Collector sink, Map<String, Long> flaggedOn, Map<String, Long> startOf, int alerts) {
        Map<String, Long> bypassFrom = new HashMap<>();
        sink.thieves.forEach(
                (c, t) -> {
                    if (AttackKind.parse(t.get("attack").asText()).effect()
                            == AttackKind.Effect.AREA_ONLY) {
                        bypassFrom.merge(sink.customers.get(c).areaId(), startOf.get(c), Math::min);
                    }
                });
        int found = 0;
        for (Map.Entry<String, Long> e : bypassFrom.entrySet()) {
            Long on = flaggedOn.get(e.getKey());
            found += on != null && on >= e.getValue() ? 1 : 0;
        }
        java.util.Set<String> withThief = new java.util.HashSet<>();
        sink.thieves.keySet().forEach(c -> withThief.add(sink.customers.get(c).areaId()));
        java.util.Set<String> clean = new java.util.HashSet<>();
        sink.customers.values().forEach(c -> clean.add(c.areaId()));
        clean.removeAll(withThief);
        long falselyFlagged = clean.stream().filter(flaggedOn::containsKey).count();
        System.out.printf(
                "AREA_LOSS: %d alerts opened, %d areas flagged; %d of %d areas with a bypass"
                        + " flagged on or after its start; %d of %d areas without a thief%n",
                alerts, flaggedOn.size(), found, bypassFrom.size(), falselyFlagged, clean.size());
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

        /** Each area's supply by local day (of each reading's start), kWh: areaId@epochDay. */
        final Map<String, Double> supply = new HashMap<>();

        /** Each area's supply by local day and hour, kWh: areaId@epochDay. */
        final Map<String, double[]> supplyHours = new HashMap<>();

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
                out.writeInt(CACHE_VERSION);
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
                    out.writeInt(d.rates.length);
                    for (float v : d.rates) {
                        out.writeFloat(v);
                    }
                    out.writeInt(d.intervalMinutes);
                    out.writeInt(d.events);
                    out.writeInt(d.exportHours); // the slot of a float 0: caches before read 0
                    out.writeDouble(d.registerStartKwh);
                    out.writeLong(d.registerStartMillis);
                    out.writeDouble(d.registerEndKwh);
                    out.writeLong(d.registerEndMillis);
                }
                out.writeInt(supply.size());
                for (Map.Entry<String, Double> e : supply.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeDouble(e.getValue());
                }
                out.writeInt(supplyHours.size());
                for (Map.Entry<String, double[]> e : supplyHours.entrySet()) {
                    out.writeUTF(e.getKey());
                    for (double v : e.getValue()) {
                        out.writeDouble(v);
                    }
                }
            }
        }

        /** The cache's layout; a file of another layout is simulated again. */
        static final int CACHE_VERSION = 0x47570004;

        static boolean readable(java.nio.file.Path file) throws java.io.IOException {
            try (java.io.DataInputStream in =
                    new java.io.DataInputStream(java.nio.file.Files.newInputStream(file))) {
                return in.readInt() == CACHE_VERSION;
            }
        }

        void load(java.nio.file.Path file) throws java.io.IOException {
            try (java.io.DataInputStream in =
                    new java.io.DataInputStream(
                            new java.io.BufferedInputStream(
                                    java.nio.file.Files.newInputStream(file)))) {
                in.readInt();
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
                    d.rates = new float[in.readInt()];
                    for (int i = 0; i < d.rates.length; i++) {
                        d.rates[i] = in.readFloat();
                    }
                    d.intervalMinutes = in.readInt();
                    d.events = in.readInt();
                    d.exportHours = in.readInt();
                    d.registerStartKwh = in.readDouble();
                    d.registerStartMillis = in.readLong();
                    d.registerEndKwh = in.readDouble();
                    d.registerEndMillis = in.readLong();
                    days.put(key, d);
                }
                for (int n = in.readInt(); n > 0; n--) {
                    String key = in.readUTF();
                    supply.put(key, in.readDouble());
                }
                for (int n = in.readInt(); n > 0; n--) {
                    String key = in.readUTF();
                    double[] h = new double[DayLoad.HOURS];
                    for (int k = 0; k < h.length; k++) {
                        h[k] = in.readDouble();
                    }
                    supplyHours.put(key, h);
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
            } else if (source == Source.AREA_READINGS) {
                if (codec.parseAreaReading(line) instanceof Parsed.Ok<AreaReading> ok) {
                    AreaReading r = ok.value();
                    java.time.ZonedDateTime at = Instant.ofEpochMilli(r.startMillis()).atZone(ZONE);
                    long epochDay = at.toLocalDate().toEpochDay();
                    supply.merge(r.areaId() + "@" + epochDay, r.kwh(), Double::sum);
                    supplyHours
                                    .computeIfAbsent(
                                            r.areaId() + "@" + epochDay,
                                            k -> new double[DayLoad.HOURS])[at.getHour()] +=
                            r.kwh();
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
