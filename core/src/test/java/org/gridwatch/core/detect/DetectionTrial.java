package org.gridwatch.core.detect;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterReading;

/**
 * A trial of the theft detectors on real households: copies of the households with day offsets and
 * scales, a share of them attacked from a day on, run day by day through core's detectors as the
 * monitor job runs them (own baseline, then the peers' median taken out, then the case). Scores are
 * the highest each customer reaches from the attack's start day to the end; a customer is alarmed
 * when that reaches the alert threshold.
 *
 * <p>Two ways to make the fleet ({@link Peers}): {@link Peers#OUT_OF_SEASON}, every copy at its own
 * random day of the year and one peer group for the whole fleet, so the peers share neither season
 * nor weather and the detectors stand on each household's own history alone; or {@link
 * Peers#NEIGHBOURS}, each copy of the 35 households an area living the same days (one random offset
 * per area), the area its peer group, as the monitor job groups an area's households.
 */
final class DetectionTrial {
    /**
     * The Shanxi time-of-use hours of the tariff presets: peak 08–11 and 17–23, valley 00–07,
     * 11–13.
     */
    static final boolean[] PEAK_HOURS = hours(8, 11, 17, 23);

    static final boolean[] VALLEY_HOURS = hours(0, 7, 11, 13);

    /** How the copies are laid out in time and grouped as peers (see the class comment). */
    enum Peers {
        OUT_OF_SEASON,
        NEIGHBOURS,
        /**
         * Areas with a transformer meter: two copies of the 35 households per area (70 customers),
         * the second a week behind the first in the year (the same season, other days), the area
         * their peer group; the area's supply is their true load plus a technical loss and the
         * meter's error ({@link TechnicalLoss}), balanced daily ({@link AreaBalance}) and hour by
         * hour ({@link LossRegression}).
         */
        AREAS
    }

    /** In {@link Peers#AREAS}, the second copy of an area lives this many days behind the first. */
    static final int SECOND_COPY_LAG_DAYS = 7;

    /**
     * An area's technical loss as the simulator makes it (its AreaSupply): a no-load loss (30% of
     * the loss at the area's mean load, ∝ voltage², a day factor of σ 3%), a load loss ∝ the
     * interval's load squared (a day factor, lognormal σ 8%), each interval's loss with a noise of
     * 5%, and the transformer meter's random error of 0.2% of its reading; at the area's mean load
     * the loss is its rate (2–6%) of the supply.
     */
    static final class TechnicalLoss {
        final double rate;
        final java.util.Random random;
        double meanLoad;
        long intervals;
        double dayNoLoad = 1;
        double dayLoadLoss = 1;

        TechnicalLoss(long seed, int area) {
            random = new java.util.Random(seed * 1_000_003L + area);
            rate = 0.02 + 0.04 * random.nextDouble();
        }

        void beginDay() {
            dayNoLoad = 1 + 0.03 * random.nextGaussian();
            dayLoadLoss = Math.exp(0.08 * random.nextGaussian() - 0.5 * 0.08 * 0.08);
        }

        /** The supply the transformer meter reads for an interval of {@code load} kWh. */
        double supplied(double load) {
            intervals++;
            meanLoad += Math.max(1.0 / intervals, 1.0 / (30 * 48)) * (load - meanLoad);
            double atMean = rate / (1 - rate) * meanLoad;
            double noLoad = 0.3 * atMean * dayNoLoad;
            double loadLoss =
                    meanLoad > 0
                            ? 0.7 * atMean * (load / meanLoad) * (load / meanLoad) * dayLoadLoss
                            : 0;
            double technical =
                    Math.max(0, (noLoad + loadLoss) * (1 + 0.05 * random.nextGaussian()));
            return Math.max(load, (load + technical) * (1 + 0.002 * random.nextGaussian()));
        }
    }

    final int days;
    final int attackStart;
    final double alarmScore;
    final Peers peers;

    /** In {@link Peers#AREAS}: whether the area's hourly fit runs ({@code -Dtrial.hourly}). */
    final boolean hourly = !"false".equals(System.getProperty("trial.hourly"));

    /**
     * Whether the thieves drawn steal ({@code -Dtrial.attacks=false}: the same fleet, every
     * customer honest, so that the honest customers' false alarms can be told with and without
     * thieves beside them in their areas).
     */
    final boolean attacks = !"false".equals(System.getProperty("trial.attacks"));

    /** Whether an area's rise is shared among its customers' matches ({@code -Dtrial.share}). */
    final boolean shareRise = !"false".equals(System.getProperty("trial.share"));

    /**
     * The share of the households with a rooftop array of 2–6 kWp behind a net meter ({@code
     * -Dtrial.solar=0.3}; 0: none), switched on on day {@code -Dtrial.solarFrom} (0: from the
     * start). Each half hour the array makes 0.8 × kWp × sin(π (t − 6) / 12) between 06:00 and
     * 18:00, times the area's clearness that day (0.3–1); the house uses it first and the meter
     * reads the rest as import and what goes back as export. A thief's attack alters the import.
     * With arrays the areas have no transformer meter (the area's balance with rooftop export is
     * not modelled), as the job's replay without {@code --supply}.
     */
    final double solarShare = Double.parseDouble(System.getProperty("trial.solar", "0"));

    final int solarFrom = Integer.getInteger("trial.solarFrom", 0);

    /**
     * Whether each area has a transformer meter (with {@link Peers#AREAS}; {@code
     * -Dtrial.supply=false}: none, as the job's replay without {@code --supply}). Never with
     * arrays.
     */
    final boolean supply = !"false".equals(System.getProperty("trial.supply")) && solarShare == 0;

    /** The seed of the areas' technical loss (the fleet's). */
    long seed;

    DetectionTrial(int days, int attackStart, double alarmScore) {
        this(days, attackStart, alarmScore, Peers.OUT_OF_SEASON);
    }

    DetectionTrial(int days, int attackStart, double alarmScore, Peers peers) {
        this.days = days;
        this.attackStart = attackStart;
        this.alarmScore = alarmScore;
        this.peers = peers;
    }

    /**
     * One simulated customer: a household from a day of the year, scaled, maybe attacked, in an
     * area of peers.
     */
    record Subject(
            int household, int offset, double scale, TheftAttack attack, int donor, int area) {}

    /** What the trial found for one subject. */
    record Outcome(
            Subject subject, double maxScore, int detectedDay, Feature lead, double finalScore) {
        boolean thief() {
            return subject.attack() != null;
        }
    }

    List<Subject> fleet(
            Households h, int copies, double thiefShare, List<AttackKind> kinds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Subject> out = new ArrayList<>();
        int k = 0;
        int areaOffset = 0;
        for (int c = 0; c < copies; c++) {
            // (drawn only for neighbours: the out-of-season fleet keeps the draws it always had)
            int drawnArea = peers != Peers.OUT_OF_SEASON ? r.nextInt(Households.DAYS) : 0;
            boolean second = peers == Peers.AREAS && c % 2 == 1;
            areaOffset = second ? areaOffset + SECOND_COPY_LAG_DAYS : drawnArea;
            int area = peers == Peers.AREAS ? c / 2 : c;
            for (int i = 0; i < h.ids.size(); i++) {
                int drawn = r.nextInt(Households.DAYS);
                int offset = peers != Peers.OUT_OF_SEASON ? areaOffset : drawn;
                double scale = Math.exp(r.nextGaussian() * 0.5);
                TheftAttack attack = null;
                if (r.nextDouble() < thiefShare) {
                    attack = TheftAttack.draw(kinds.get(k++ % kinds.size()), r);
                }
                out.add(new Subject(i, offset, scale, attack, r.nextInt(h.ids.size()), area));
            }
        }
        return out;
    }

    /** Each customer's daily strengths, for offline study ({@code -Dtrial.dump=file}). */
    java.io.PrintStream dump;

    List<Outcome> run(Households h, List<Subject> fleet) {
        int n = fleet.size();
        UsageBaseline[] baselines = new UsageBaseline[n];
        TheftCase[] cases = new TheftCase[n];
        double[] max = new double[n];
        int[] detected = new int[n];
        Feature[] lead = new Feature[n];
        Arrays.fill(detected, -1);
        for (int i = 0; i < n; i++) {
            baselines[i] = new UsageBaseline();
            cases[i] = new TheftCase();
        }
        Customer[] customers = new Customer[n];
        String[] reports0 = new String[n];
        for (int i = 0; i < n; i++) {
            customers[i] =
                    new Customer(
                            "C" + i,
                            "M",
                            CustomerClass.RESIDENTIAL,
                            "A" + fleet.get(i).area(),
                            "t",
                            false,
                            Double.NaN,
                            Customer.UNKNOWN_SINCE);
            reports0[i] = "C" + i;
        }
        double[] prices = new double[24];
        for (int t = 0; t < 24; t++) {
            prices[t] = PEAK_HOURS[t] ? 0.8 : VALLEY_HOURS[t] ? 0.3 : 0.5;
        }
        double[] kwp = new double[n];
        java.util.SplittableRandom arrays = new java.util.SplittableRandom(seed * 1_000_003 + 41);
        for (int i = 0; i < n; i++) {
            kwp[i] = arrays.nextDouble() < solarShare ? 2 + 4 * arrays.nextDouble() : 0;
        }
        Map<Integer, TechnicalLoss> technical = new HashMap<>();
        Map<Integer, AreaBalance> balances = new HashMap<>();
        Map<Integer, LossRegression> fits = new HashMap<>();
        for (int d = 0; d < days; d++) {
            DayReport[] reports = new DayReport[n];
            Map<Integer, double[]> trueLoad = new HashMap<>();
            Map<Integer, List<Integer>> members = new HashMap<>();
            Map<Integer, List<double[]>> scored = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Subject s = fleet.get(i);
                int yearDay = (s.offset() + d) % Households.DAYS;
                double[] honest = h.years.get(s.household())[yearDay];
                LocalDate date = Households.date(yearDay);
                boolean rest =
                        date.getDayOfWeek() == DayOfWeek.SATURDAY
                                || date.getDayOfWeek() == DayOfWeek.SUNDAY;
                double[] reported = scaled(honest, s.scale());
                double[] export = null;
                if (kwp[i] > 0 && d >= solarFrom) { // the house uses its array's output first
                    double clearness = clearness(seed, s.area(), d);
                    export = new double[reported.length];
                    for (int k = 0; k < reported.length; k++) {
                        double pv = arrayKwh(kwp[i], k, clearness);
                        if (!Double.isNaN(reported[k])) {
                            export[k] = Math.max(0, pv - reported[k]);
                            reported[k] = Math.max(0, reported[k] - pv);
                        }
                    }
                }
                if (peers == Peers.AREAS && supply) {
                    double[] load = trueLoad.computeIfAbsent(s.area(), a -> new double[48]);
                    double[] own = nanToZero(reported);
                    for (int k = 0; k < 48; k++) {
                        load[k] += own[k];
                    }
                    members.computeIfAbsent(s.area(), a -> new ArrayList<>()).add(i);
                }
                if (s.attack() != null && d >= attackStart && attacks) {
                    double[] donor = h.years.get(s.donor())[yearDay];
                    reported =
                            s.attack()
                                    .apply(
                                            nanToZero(reported),
                                            d - attackStart,
                                            halfHours(PEAK_HOURS),
                                            halfHours(VALLEY_HOURS),
                                            nanToZero(donor));
                    reported = keepGaps(reported, honest);
                }
                reports[i] =
                        DayJudge.close(
                                baselines[i],
                                dayLoad(d, reported, export),
                                customers[i],
                                rest,
                                PEAK_HOURS,
                                prices,
                                d);
                if (reports[i].scored()) {
                    scored.computeIfAbsent(group(s), k -> new ArrayList<>()).add(reports[i].z());
                }
            }
            Map<Integer, double[]> medians = new HashMap<>();
            scored.forEach((g, m) -> medians.put(g, PeerGroup.medianZ(m)));
            for (Map.Entry<Integer, double[]> e : trueLoad.entrySet()) {
                int area = e.getKey();
                TechnicalLoss loss =
                        technical.computeIfAbsent(area, a -> new TechnicalLoss(seed, a));
                loss.beginDay();
                double[] hours = new double[24];
                for (int k = 0; k < 48; k++) {
                    hours[k / 2] += loss.supplied(e.getValue()[k]);
                }
                double supplied = 0;
                double metered = 0;
                List<DayReport> area_ = new ArrayList<>();
                for (int i : members.get(area)) {
                    metered += reports[i].kwh();
                    area_.add(reports[i]);
                }
                for (double v : hours) {
                    supplied += v;
                }
                AreaBalance b = balances.computeIfAbsent(area, a -> new AreaBalance());
                boolean balanced = b.record(d, supplied, metered, area_.size());
                if (balanced && hourly) {
                    fits.computeIfAbsent(area, a -> new LossRegression()).addDay(d, hours, area_);
                }
            }
            Map<Integer, List<LossMatch.Claimant>> claimants = new HashMap<>();
            for (int i = 0; i < n; i++) {
                double[] median =
                        medians.getOrDefault(group(fleet.get(i)), new double[Feature.COUNT]);
                int area = fleet.get(i).area();
                LossRegression fit = fits.get(area);
                cases[i].observe(
                        reports[i],
                        PeerGroup.net(reports[i].z(), median),
                        balances.get(area),
                        fit == null ? null : fit.fit(reports[i].customerId()));
                claimants
                        .computeIfAbsent(area, a -> new ArrayList<>())
                        .add(LossMatch.Claimant.of(reports[i].customerId(), cases[i].evidence));
            }
            if (shareRise) {
                final long today = d;
                claimants.values().forEach(area -> LossMatch.share(area, today));
            }
            for (int i = 0; i < n; i++) {
                cases[i].judge(reports[i]);
                TheftEvidence e = cases[i].evidence;
                double score = e.strength(d);
                if (dump != null) {
                    Subject s = fleet.get(i);
                    dump.printf(
                            "%d %d %d %.4f %.4f%n",
                            i,
                            s.attack() == null ? -1 : s.attack().kind().ordinal(),
                            d,
                            e.ownStrength(),
                            score);
                }
                if (d >= attackStart) {
                    if (score > max[i]) {
                        max[i] = score;
                        lead[i] = e.leading();
                    }
                    if (detected[i] < 0 && score >= alarmScore) {
                        detected[i] = d - attackStart;
                    }
                }
            }
        }
        if (Boolean.getBoolean("trial.hourlyDebug") && !fits.isEmpty()) {
            List<Double> honestT = new ArrayList<>();
            List<Double> thiefT = new ArrayList<>();
            List<Double> honestSeKwh = new ArrayList<>();
            double[] minHourly = new double[2];
            int[] cleared = new int[2];
            for (int i = 0; i < n; i++) {
                LossRegression fit = fits.get(fleet.get(i).area());
                LossRegression.Fit f = fit == null ? null : fit.fit(reports0[i]);
                TheftEvidence e = cases[i].evidence;
                boolean thief = fleet.get(i).attack() != null;
                if (f != null) {
                    (thief ? thiefT : honestT).add(f.t());
                    if (!thief) {
                        honestSeKwh.add((double) e.hourlyStolenSe);
                    }
                }
                if (e.hourlySpreads < -0.25) {
                    cleared[thief ? 1 : 0]++;
                }
            }
            honestT.sort(null);
            thiefT.sort(null);
            honestSeKwh.sort(null);
            System.out.printf(
                    "hourly: honest t median %.2f, > 2: %d of %d; thieves t median %.2f, > 2: %d"
                            + " of %d; honest se median %.2f kWh/day; cleared at the end (< -0.25):"
                            + " honest %d, thieves %d%n",
                    honestT.get(honestT.size() / 2),
                    honestT.stream().filter(t -> t > 2).count(),
                    honestT.size(),
                    thiefT.get(thiefT.size() / 2),
                    thiefT.stream().filter(t -> t > 2).count(),
                    thiefT.size(),
                    honestSeKwh.get(honestSeKwh.size() / 2),
                    cleared[0],
                    cleared[1]);
        }
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    new Outcome(
                            fleet.get(i),
                            max[i],
                            detected[i],
                            lead[i],
                            cases[i].evidence.strength(days - 1)));
        }
        return out;
    }

    /** The subject's peer group: its area among neighbours or in areas, else the whole fleet. */
    private int group(Subject s) {
        return peers != Peers.OUT_OF_SEASON ? s.area() : 0;
    }

    /** An area's clearness on day {@code d}, 0.3–1: one sky for every house of the area. */
    static double clearness(long seed, int area, int d) {
        return 0.3
                + 0.7 * new java.util.SplittableRandom(seed * 7919 + area * 131L + d).nextDouble();
    }

    /** What an array of {@code kwp} makes in half hour {@code k} of a day of {@code clearness}. */
    static double arrayKwh(double kwp, int k, double clearness) {
        double t = k / 2.0 + 0.25; // the half hour's middle, hours
        return t < 6 || t > 18 ? 0 : 0.5 * kwp * 0.8 * Math.sin(Math.PI * (t - 6) / 12) * clearness;
    }

    static DayLoad dayLoad(int d, double[] halfHours) {
        return dayLoad(d, halfHours, null);
    }

    /** The day of {@code halfHours} of import and, if not null, their reverse energy. */
    static DayLoad dayLoad(int d, double[] halfHours, double[] export) {
        long start = d * 86_400_000L;
        DayLoad day = new DayLoad(d, start);
        for (int s = 0; s < halfHours.length; s++) {
            if (!Double.isNaN(halfHours[s])) {
                day.add(
                        new MeterReading(
                                "M",
                                start + (s + 1) * 1_800_000L,
                                30,
                                halfHours[s],
                                Double.NaN,
                                export == null ? Double.NaN : export[s],
                                0));
            }
        }
        return day;
    }

    static double[] scaled(double[] x, double k) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * k;
        }
        return out;
    }

    static double[] nanToZero(double[] x) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = 0;
            }
        }
        return out;
    }

    static double[] keepGaps(double[] x, double[] honest) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(honest[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    static boolean[] hours(int... fromTo) {
        boolean[] h = new boolean[24];
        for (int i = 0; i < fromTo.length; i += 2) {
            for (int t = fromTo[i]; t < fromTo[i + 1]; t++) {
                h[t] = true;
            }
        }
        return h;
    }

    static boolean[] halfHours(boolean[] hours) {
        boolean[] out = new boolean[48];
        for (int s = 0; s < 48; s++) {
            out[s] = hours[s / 2];
        }
        return out;
    }

    // ---- measures ----

    /** Area under the ROC curve of the scores, thieves against honest (ties count half). */
    static double auc(List<Outcome> outcomes) {
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (Outcome o : outcomes) {
            (o.thief() ? pos : neg).add(o.maxScore());
        }
        double wins = 0;
        for (double p : pos) {
            for (double q : neg) {
                wins += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        return wins / ((double) pos.size() * neg.size());
    }

    double falseAlarmRate(List<Outcome> outcomes) {
        long honest = outcomes.stream().filter(o -> !o.thief()).count();
        long alarmed =
                outcomes.stream().filter(o -> !o.thief() && o.maxScore() >= alarmScore).count();
        return (double) alarmed / honest;
    }

    /** Per kind: thieves, recall, median days to detection. */
    Map<AttackKind, double[]> byKind(List<Outcome> outcomes) {
        Map<AttackKind, List<Outcome>> groups = new EnumMap<>(AttackKind.class);
        for (Outcome o : outcomes) {
            if (o.thief()) {
                groups.computeIfAbsent(o.subject().attack().kind(), k -> new ArrayList<>()).add(o);
            }
        }
        Map<AttackKind, double[]> out = new EnumMap<>(AttackKind.class);
        groups.forEach(
                (kind, list) -> {
                    int[] days =
                            list.stream()
                                    .filter(o -> o.detectedDay() >= 0)
                                    .mapToInt(Outcome::detectedDay)
                                    .sorted()
                                    .toArray();
                    double median = days.length == 0 ? Double.NaN : days[days.length / 2];
                    out.put(
                            kind,
                            new double[] {list.size(), (double) days.length / list.size(), median});
                });
        return out;
    }

    String report(List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        "AUC %.4f, false alarms %.2f%% of %d honest%n",
                        auc(outcomes),
                        100 * falseAlarmRate(outcomes),
                        outcomes.stream().filter(o -> !o.thief()).count()));
        sb.append("| attack | thieves | recall | median days to detection |\n");
        byKind(outcomes)
                .forEach(
                        (k, v) ->
                                sb.append(
                                        String.format(
                                                "| %s | %d | %.3f | %s |%n",
                                                k.label(),
                                                (int) v[0],
                                                v[1],
                                                Double.isNaN(v[2])
                                                        ? "-"
                                                        : String.valueOf((int) v[2]))));
        return sb.toString();
    }

    /** Runs a trial and prints the report: for tuning and for docs/detection.md. */
    public static void main(String[] args) {
        int copies = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        double threshold = args.length > 1 ? Double.parseDouble(args[1]) : TheftEvidence.MIDPOINT;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Peers peers = args.length > 3 ? Peers.valueOf(args[3].toUpperCase()) : Peers.OUT_OF_SEASON;
        Households h = Households.load();
        DetectionTrial trial = new DetectionTrial(120, 60, threshold, peers);
        List<AttackKind> kinds = new ArrayList<>(Arrays.asList(AttackKind.values()));
        kinds.remove(AttackKind.BYPASS);
        List<Subject> fleet = trial.fleet(h, copies, 0.1, kinds, seed);
        trial.seed = seed;
        if (System.getProperty("trial.dump") != null) {
            try {
                trial.dump =
                        new java.io.PrintStream(
                                new java.io.BufferedOutputStream(
                                        new java.io.FileOutputStream(
                                                System.getProperty("trial.dump"))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        long t0 = System.nanoTime();
        List<Outcome> outcomes = trial.run(h, fleet);
        System.out.printf(
                "%d customers × %d days in %.1f s%n",
                fleet.size(), trial.days, (System.nanoTime() - t0) / 1e9);
        if (trial.dump != null) {
            trial.dump.close();
        }
        System.out.print(trial.report(outcomes));
        Map<Feature, Integer> leads = new EnumMap<>(Feature.class);
        for (Outcome o : outcomes) {
            if (!o.thief() && o.maxScore() >= threshold) {
                leads.merge(o.lead(), 1, Integer::sum);
            }
        }
        System.out.println("false alarms led by " + leads);
        List<Outcome> finals = new ArrayList<>();
        for (Outcome o : outcomes) {
            finals.add(
                    new Outcome(
                            o.subject(),
                            o.finalScore(),
                            o.detectedDay(),
                            o.lead(),
                            o.finalScore()));
        }
        System.out.printf(
                "final-score AUC %.4f, open at end %.2f%%%n",
                auc(finals), 100 * trial.falseAlarmRate(finals));
        Map<AttackKind, List<Double>> perKind = new EnumMap<>(AttackKind.class);
        for (Outcome o : outcomes) {
            if (o.thief()) {
                perKind.computeIfAbsent(o.subject().attack().kind(), k -> new ArrayList<>())
                        .add(o.maxScore());
            }
        }
        perKind.forEach(
                (k, v) -> {
                    v.sort(null);
                    System.out.printf(
                            "  %s: min %.3f q25 %.3f med %.3f%n",
                            k.label(), v.get(0), v.get(v.size() / 4), v.get(v.size() / 2));
                });
        // the honest customers' score quantiles
        double[] honest =
                outcomes.stream()
                        .filter(o -> !o.thief())
                        .mapToDouble(Outcome::maxScore)
                        .sorted()
                        .toArray();
        System.out.printf(
                "honest max-score quantiles: 50%% %.3f 90%% %.3f 95%% %.3f 98%% %.3f 99%% %.3f%n",
                honest[honest.length / 2],
                honest[(int) (honest.length * 0.9)],
                honest[(int) (honest.length * 0.95)],
                honest[(int) (honest.length * 0.98)],
                honest[(int) (honest.length * 0.99)]);
    }
}
