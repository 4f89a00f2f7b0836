package org.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.gridwatch.core.detect.AttackKind;

/**
 * A monitor run's THEFT alerts scored against the simulator's truth: per attack kind, how many
 * thieves got an alert opened on or after their first day of theft, and how many days after (an
 * alert opened before the theft began does not count as finding it); honest customers with any
 * THEFT alert (false alarms); and the AUC of the theft score, each customer's highest alert score,
 * 0 for a customer without an alert (the contract: no alert, not suspected). An alert's opening day
 * is the date in its id ({@code theft:<customer>:<yyyyMMdd>}).
 *
 * <p>With the replay's {@code theft-scores.jsonl} ({@link #withScores}), also the ranking of every
 * customer by its theft score at the end of the replay, alerted or not ({@link ScoreRanking}).
 */
final class DetectionScore {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One attack kind's figures. */
    record Kind(AttackKind kind, int thieves, int found, double medianDays) {
        double recall() {
            return thieves == 0 ? Double.NaN : (double) found / thieves;
        }
    }

    final Map<AttackKind, Kind> kinds = new EnumMap<>(AttackKind.class);
    int honest;
    int falseAlarms;
    double auc;
    double aucWithoutBypass;
    int areaLossAlerts;
    int bypassAreas;
    int bypassAreasFlagged;

    /**
     * The customers AREA_LOSS alerts name as their {@code suspects} (each alert's last version),
     * those of them who steal, and the flagged bypass areas whose bypass thief is among them.
     */
    int suspectsNamed;

    int suspectsStealing;
    int bypassAreasNamingTheThief;

    /** Areas with no thief at all, and those of them with an AREA_LOSS alert: its false alarms. */
    int theftFreeAreas;

    int theftFreeAreasFlagged;

    ArrearsScore arrears;
    MeterFaultScore meterFaults;

    /**
     * The customers, each with its attack kind or null for an honest one, in customers.jsonl's
     * order: for {@link #rankedBy}.
     */
    private final Map<String, AttackKind> attackOf = new LinkedHashMap<>();

    /** Each thief's first day of theft. */
    private final Map<String, LocalDate> theftStart = new HashMap<>();

    private ScoreRanking ranking;

    private ScoreHistory history;

    /**
     * The fleet by every score published in the replay (theft-score-history.jsonl, {@code monitor
     * --score-history}): the least score {@code cut} above which at most {@link #WORKLIST_SHARE} of
     * the honest customers were at some time — the score an alert would open at for the 2%
     * of false alarms, counted as the alerts' are (an honest customer with one at any time) — the
     * honest above it, and per attack kind the thieves whose score rose above it on or after their
     * first day of theft (as an alert opened then) and the median days from that day to the rise.
     */
    record ScoreHistory(double cut, int honestAbove, int honest, Map<AttackKind, Kind> kinds) {}

    /**
     * The fleet ranked by each customer's last theft score (0 for a customer without one): the AUC,
     * with and without bypass thieves; and a worklist of the customers scoring above {@code cut},
     * the highest honest score it leaves off so that at most {@link #WORKLIST_SHARE} of the honest
     * are on it: the honest on it, and each kind's thieves on it.
     */
    record ScoreRanking(
            int customers,
            double auc,
            double aucWithoutBypass,
            double cut,
            int honestAbove,
            int honest,
            Map<AttackKind, int[]> kindsAbove,
            Map<AttackKind, Double> kindAuc) {}

    /** The share of honest customers a worklist cut may hold: the false-alarm bar, 2%. */
    static final double WORKLIST_SHARE = 0.02;

    static DetectionScore of(Path customersFile, Path truthFile, Path alertsFile) {
        List<JsonNode> customers = read(customersFile);
        List<JsonNode> truth = read(truthFile);
        List<JsonNode> alerts = read(alertsFile);
        Set<String> everyone = new LinkedHashSet<>();
        Set<String> areas = new LinkedHashSet<>();
        for (JsonNode c : customers) {
            everyone.add(c.get("customerId").asText());
            if (c.hasNonNull("areaId")) {
                areas.add(c.get("areaId").asText());
            }
        }
        Map<String, JsonNode> thieves = new HashMap<>();
        for (JsonNode t : truth) {
            if ("theft".equals(t.path("type").asText())) {
                thieves.put(t.get("customerId").asText(), t);
            }
        }
        Map<String, Double> best = new HashMap<>();
        Map<String, List<LocalDate>> opened = new HashMap<>();
        Set<String> lossAreas = new LinkedHashSet<>();
        List<Map.Entry<String, String>> suspects = new ArrayList<>(); // area, customer
        DetectionScore s = new DetectionScore();
        for (JsonNode a : alerts) {
            String type = a.get("type").asText();
            if (type.equals("AREA_LOSS")) {
                s.areaLossAlerts++;
                lossAreas.add(a.get("areaId").asText());
                for (String named : a.path("evidence").path("suspects").asText("").split(", ")) {
                    if (!named.isBlank()) {
                        suspects.add(
                                Map.entry(a.get("areaId").asText(), named.trim().split(" ")[0]));
                    }
                }
                continue;
            }
            if (!type.equals("THEFT")) {
                continue;
            }
            String customer = a.get("customerId").asText();
            best.merge(customer, a.get("score").asDouble(), Math::max);
            opened.computeIfAbsent(customer, k -> new ArrayList<>())
                    .add(openingDay(a.get("alertId").asText()));
        }
        Map<AttackKind, List<Long>> delays = new EnumMap<>(AttackKind.class);
        Map<AttackKind, int[]> counts = new EnumMap<>(AttackKind.class);
        Set<String> bypassAreas = new LinkedHashSet<>();
        for (String customer : everyone) {
            JsonNode t = thieves.get(customer);
            if (t == null) {
                s.attackOf.put(customer, null);
                s.honest++;
                s.falseAlarms += best.containsKey(customer) ? 1 : 0;
                continue;
            }
            AttackKind kind = AttackKind.parse(t.get("attack").asText());
            s.attackOf.put(customer, kind);
            if (kind == AttackKind.BYPASS) {
                bypassAreas.add(t.get("areaId").asText());
            }
            int[] c = counts.computeIfAbsent(kind, k -> new int[2]);
            c[0]++;
            LocalDate start = LocalDate.parse(t.get("start").asText());
            s.theftStart.put(customer, start);
            opened.getOrDefault(customer, List.of()).stream()
                    .filter(day -> !day.isBefore(start))
                    .min(LocalDate::compareTo)
                    .ifPresent(
                            first -> {
                                c[1]++;
                                delays.computeIfAbsent(kind, k -> new ArrayList<>())
                                        .add(first.toEpochDay() - start.toEpochDay());
                            });
        }
        counts.forEach(
                (k, c) ->
                        s.kinds.put(
                                k,
                                new Kind(
                                        k, c[0], c[1], median(delays.getOrDefault(k, List.of())))));
        Ranked byAlerts = s.rankedBy(best);
        s.auc = byAlerts.auc();
        s.aucWithoutBypass = byAlerts.aucWithoutBypass();
        s.bypassAreas = bypassAreas.size();
        s.bypassAreasFlagged = (int) bypassAreas.stream().filter(lossAreas::contains).count();
        s.suspectsNamed = suspects.size();
        s.suspectsStealing =
                (int) suspects.stream().filter(e -> thieves.containsKey(e.getValue())).count();
        s.bypassAreasNamingTheThief =
                (int)
                        suspects.stream()
                                .filter(
                                        e -> {
                                            JsonNode t = thieves.get(e.getValue());
                                            return t != null
                                                    && AttackKind.parse(t.get("attack").asText())
                                                            == AttackKind.BYPASS;
                                        })
                                .map(Map.Entry::getKey)
                                .distinct()
                                .count();
        for (JsonNode t : thieves.values()) {
            areas.remove(t.path("areaId").asText());
        }
        s.theftFreeAreas = areas.size();
        s.theftFreeAreasFlagged = (int) areas.stream().filter(lossAreas::contains).count();
        s.arrears = ArrearsScore.of(customers, truth, alerts);
        s.meterFaults = MeterFaultScore.of(truth, alerts);
        return s;
    }

    /** Adds the ranking by the theft scores of {@code scoresFile} (theft-scores.jsonl). */
    DetectionScore withScores(Path scoresFile) {
        Map<String, Double> last = new HashMap<>();
        for (JsonNode line : read(scoresFile)) {
            last.put(line.get("customerId").asText(), line.get("score").asDouble());
        }
        Ranked byScore = rankedBy(last);
        // the worklist: the scores above the highest honest score it must leave off, so that at
        // most WORKLIST_SHARE of the honest are on it (ties at that score are all left off)
        double[] honestScores = byScore.honest().stream().mapToDouble(d -> d).sorted().toArray();
        double cut = cutFor(honestScores);
        int honestAbove = ScoreCut.countAbove(honestScores, cut);
        Map<AttackKind, int[]> kindsAbove = new EnumMap<>(AttackKind.class);
        // each kind's thieves against every honest customer: a kind the fleet's AUC averages away
        Map<AttackKind, Double> kindAuc = new EnumMap<>(AttackKind.class);
        byScore.thieves()
                .forEach(
                        (kind, scores) -> {
                            int above = 0;
                            for (double score : scores) {
                                above += score > cut ? 1 : 0;
                            }
                            kindsAbove.put(kind, new int[] {scores.size(), above});
                            kindAuc.put(kind, auc(scores, byScore.honest()));
                        });
        ranking =
                new ScoreRanking(
                        last.size(),
                        byScore.auc(),
                        byScore.aucWithoutBypass(),
                        cut,
                        honestAbove,
                        honestScores.length,
                        kindsAbove,
                        kindAuc);
        return this;
    }

    ScoreRanking ranking() {
        return ranking;
    }

    /**
     * Adds the fleet by every published score of {@code historyFile} (theft-score-history.jsonl):
     * {@link ScoreHistory}. A score line's day is the day it judged: its {@code ts} is that day's
     * close, 2 h after the next midnight (docs/contract.md), so the local date of {@code ts} less
     * one day.
     */
    DetectionScore withScoreHistory(Path historyFile) {
        Map<String, List<Map.Entry<LocalDate, Double>>> byCustomer = new HashMap<>();
        for (JsonNode line : read(historyFile)) {
            LocalDate day = AlertScores.judgedDay(line.get("ts").asText());
            byCustomer
                    .computeIfAbsent(line.get("customerId").asText(), k -> new ArrayList<>())
                    .add(Map.entry(day, line.get("score").asDouble()));
        }
        byCustomer.values().forEach(h -> h.sort(Map.Entry.comparingByKey()));
        double[] honestHighest =
                attackOf.entrySet().stream()
                        .filter(e -> e.getValue() == null)
                        .mapToDouble(
                                e ->
                                        byCustomer.getOrDefault(e.getKey(), List.of()).stream()
                                                .mapToDouble(Map.Entry::getValue)
                                                .max()
                                                .orElse(0))
                        .sorted()
                        .toArray();
        double cut = cutFor(honestHighest);
        int honestAbove = ScoreCut.countAbove(honestHighest, cut);
        Map<AttackKind, int[]> counts = new EnumMap<>(AttackKind.class);
        Map<AttackKind, List<Long>> delays = new EnumMap<>(AttackKind.class);
        attackOf.forEach(
                (customer, kind) -> {
                    if (kind == null) {
                        return;
                    }
                    int[] c = counts.computeIfAbsent(kind, k -> new int[2]);
                    c[0]++;
                    // as an alert counts: the first rise above the cut on or after the start
                    LocalDate start = theftStart.get(customer);
                    LocalDate found = null;
                    double previous = 0;
                    for (Map.Entry<LocalDate, Double> e :
                            byCustomer.getOrDefault(customer, List.of())) {
                        if (previous <= cut && e.getValue() > cut && !e.getKey().isBefore(start)) {
                            found = e.getKey();
                            break;
                        }
                        previous = e.getValue();
                    }
                    if (found != null) {
                        c[1]++;
                        delays.computeIfAbsent(kind, k -> new ArrayList<>())
                                .add(found.toEpochDay() - start.toEpochDay());
                    }
                });
        Map<AttackKind, Kind> kinds = new EnumMap<>(AttackKind.class);
        counts.forEach(
                (k, c) ->
                        kinds.put(
                                k,
                                new Kind(
                                        k, c[0], c[1], median(delays.getOrDefault(k, List.of())))));
        history = new ScoreHistory(cut, honestAbove, honestHighest.length, kinds);
        return this;
    }

    ScoreHistory history() {
        return history;
    }

    /**
     * The highest of the ascending {@code honest} scores a cut must leave off so that at most
     * {@link #WORKLIST_SHARE} of them are above it ({@link ScoreCut#above}).
     */
    private static double cutFor(double[] honest) {
        return ScoreCut.above(honest, WORKLIST_SHARE);
    }

    /** The median of {@code days}; NaN for none. */
    private static double median(List<Long> days) {
        List<Long> d = new ArrayList<>(days);
        d.sort(null);
        return d.isEmpty()
                ? Double.NaN
                : d.size() % 2 == 1
                        ? d.get(d.size() / 2)
                        : (d.get(d.size() / 2 - 1) + d.get(d.size() / 2)) / 2.0;
    }

    /** The honest customers' scores, and each attack kind's thieves'. */
    private record Ranked(List<Double> honest, Map<AttackKind, List<Double>> thieves) {
        /** Every thief against every honest customer. */
        double auc() {
            return DetectionScore.auc(thievesBut(null), honest);
        }

        /** The same without the bypass thieves, whom no meter shows. */
        double aucWithoutBypass() {
            return DetectionScore.auc(thievesBut(AttackKind.BYPASS), honest);
        }

        private List<Double> thievesBut(AttackKind left) {
            List<Double> out = new ArrayList<>();
            thieves.forEach(
                    (kind, scores) -> {
                        if (kind != left) {
                            out.addAll(scores);
                        }
                    });
            return out;
        }
    }

    /** Every customer by {@code scores} (0 for a customer without one), thieves by attack kind. */
    private Ranked rankedBy(Map<String, Double> scores) {
        List<Double> honest = new ArrayList<>();
        Map<AttackKind, List<Double>> thieves = new EnumMap<>(AttackKind.class);
        attackOf.forEach(
                (customer, kind) -> {
                    double score = scores.getOrDefault(customer, 0.0);
                    if (kind == null) {
                        honest.add(score);
                    } else {
                        thieves.computeIfAbsent(kind, k -> new ArrayList<>()).add(score);
                    }
                });
        return new Ranked(honest, thieves);
    }

    /** The day an alert opened: the date its id ends with ({@code <type>:<key>:<yyyyMMdd>}). */
    static LocalDate openingDay(String alertId) {
        return LocalDate.parse(
                alertId.substring(alertId.lastIndexOf(':') + 1), DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** The probability that a random thief scores above a random honest customer, ties half. */
    static double auc(List<Double> pos, List<Double> neg) {
        if (pos.isEmpty() || neg.isEmpty()) {
            return Double.NaN;
        }
        double[] n = neg.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double wins = 0;
        for (double p : pos) {
            int below = lowerBound(n, p);
            int notAbove = n.length - ScoreCut.countAbove(n, p);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) pos.size() * n.length);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        if (kinds.isEmpty()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "THEFT: no thieves in the truth; THEFT alerts on %d of %d customers"
                                    + " (%.2f%%)%n",
                            falseAlarms,
                            honest,
                            honest == 0 ? 0.0 : 100.0 * falseAlarms / honest));
            sb.append(arrears.table());
            appendMeterFaults(sb);
            return sb.toString();
        }
        sb.append(
                String.format(
                        Locale.ROOT,
                        "THEFT: AUC %.4f (%.4f without bypass, which no meter shows); false alarms"
                                + " on %d of %d honest customers (%.2f%%)%n",
                        auc,
                        aucWithoutBypass,
                        falseAlarms,
                        honest,
                        honest == 0 ? 0.0 : 100.0 * falseAlarms / honest));
        sb.append("| attack | effect | thieves | alerted | recall | median days to alert |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (Kind k : kinds.values()) {
            appendKind(sb, k);
        }
        sb.append(
                String.format(
                        Locale.ROOT,
                        "AREA_LOSS: %d alerts; %d of %d areas with a bypass flagged; %d of %d"
                                + " areas without a thief; its suspects: %d of %d named steal,"
                                + " a bypass thief among them in %d of the %d flagged%n",
                        areaLossAlerts,
                        bypassAreasFlagged,
                        bypassAreas,
                        theftFreeAreasFlagged,
                        theftFreeAreas,
                        suspectsStealing,
                        suspectsNamed,
                        bypassAreasNamingTheThief,
                        bypassAreasFlagged));
        appendRanking(sb);
        appendHistory(sb);
        sb.append(arrears.table());
        appendMeterFaults(sb);
        return sb.toString();
    }

    private void appendRanking(StringBuilder sb) {
        if (ranking == null) {
            return;
        }
        ScoreRanking r = ranking;
        sb.append(
                String.format(
                        Locale.ROOT,
                        "THEFT score at the end, every customer (theft-scores.jsonl, %d customers):"
                                + " AUC %.4f (%.4f without bypass); a worklist of the scores above"
                                + " %.3f holds %d of %d honest customers (%.2f%%) and:%n",
                        r.customers(),
                        r.auc(),
                        r.aucWithoutBypass(),
                        r.cut(),
                        r.honestAbove(),
                        r.honest(),
                        r.honest() == 0 ? 0.0 : 100.0 * r.honestAbove() / r.honest()));
        sb.append("| attack | thieves | on the worklist | recall | AUC against the honest |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: |\n");
        r.kindsAbove()
                .forEach(
                        (k, c) ->
                                sb.append(
                                        String.format(
                                                Locale.ROOT,
                                                "| %s | %d | %d | %.3f | %.4f |%n",
                                                k.label(),
                                                c[0],
                                                c[1],
                                                (double) c[1] / c[0],
                                                r.kindAuc().get(k))));
    }

    private void appendHistory(StringBuilder sb) {
        if (history == null) {
            return;
        }
        ScoreHistory h = history;
        sb.append(
                String.format(
                        Locale.ROOT,
                        "THEFT score at any time (theft-score-history.jsonl): above %.3f, %d of %d"
                                + " honest customers at some time (%.2f%%), the score an alert"
                                + " would open at for %s of false alarms; at it:%n",
                        h.cut(),
                        h.honestAbove(),
                        h.honest(),
                        h.honest() == 0 ? 0.0 : 100.0 * h.honestAbove() / h.honest(),
                        AlertScores.percent(WORKLIST_SHARE)));
        sb.append("| attack | effect | thieves | above it | recall | median days to it |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
        h.kinds().values().forEach(k -> appendKind(sb, k));
    }

    private static void appendKind(StringBuilder sb, Kind k) {
        sb.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %d | %.3f | %s |%n",
                        k.kind().label(),
                        k.kind().effect().name().toLowerCase(Locale.ROOT),
                        k.thieves(),
                        k.found(),
                        k.recall(),
                        Double.isNaN(k.medianDays())
                                ? "-"
                                : String.format(Locale.ROOT, "%.1f", k.medianDays())));
    }

    private void appendMeterFaults(StringBuilder sb) {
        if (meterFaults != null && meterFaults.any()) {
            sb.append(meterFaults.table());
        }
    }

    private static List<JsonNode> read(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.filter(l -> !l.isBlank())
                    .forEach(
                            l -> {
                                try {
                                    out.add(JSON.readTree(l));
                                } catch (IOException e) {
                                    throw new UncheckedIOException(
                                            "not JSON in " + file + ": " + l, e);
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
