package org.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A monitor run's DATA_QUALITY alerts from the data scored against the simulator's meter faults
 * ({@code meterFault} lines of the truth, {@code simulate --meter-faults}):
 *
 * <ul>
 *   <li>per fault kind, the faults with a DATA_QUALITY alert of the customer open during the fault
 *       (opened by {@link #LATE_DAYS} days after its last day, its last version not before its
 *       first) whose last rule is the one the kind raises, and how many days after the fault's
 *       first day it opened (an alert already open then, for an inspector's finding, counts from
 *       the fault's first day);
 *   <li>false alerts: DATA_QUALITY alerts whose last rule is the data's ({@code meter-silent},
 *       {@code register-disagrees-with-intervals}) open during no injected fault of their customer
 *       (an inspector's {@code meter-fault-found} is not the data's, and not counted);
 *   <li>the customers with an injected fault that also got a THEFT alert on or after its first day:
 *       a meter that reads zero looks like one made to, and its register disagreeing is evidence of
 *       tampering, so the theft false alarms of such a run include them.
 * </ul>
 *
 * The alert's opening day is the date in its id ({@code data-quality:<customer>:<yyyyMMdd>}).
 */
final class MeterFaultScore {
    /** Days after a fault's last day within which its alert still counts as found. */
    static final int LATE_DAYS = 2;

    /** The rule each kind of fault should raise. */
    static final Map<String, String> RULES =
            Map.of(
                    "silent", "meter-silent",
                    "intervals-zero", "register-disagrees-with-intervals");

    /** One kind's figures. */
    record Kind(String kind, int faults, int found, List<Long> days) {
        double median() {
            if (days.isEmpty()) {
                return Double.NaN;
            }
            List<Long> d = new ArrayList<>(days);
            d.sort(null);
            int n = d.size();
            return n % 2 == 1 ? d.get(n / 2) : (d.get(n / 2 - 1) + d.get(n / 2)) / 2.0;
        }
    }

    final Map<String, Kind> kinds = new TreeMap<>();
    int dataAlerts;
    int falseAlerts;
    int theftAlerted;
    int faulty;

    private record Fault(String kind, LocalDate start, LocalDate end) {}

    /** A DATA_QUALITY alert: the day it opened, the day of its last version, its last rule. */
    private record Opened(LocalDate day, LocalDate last, String rule) {
        boolean during(Fault f) {
            return !day.isAfter(f.end().plusDays(LATE_DAYS - 1)) && !last.isBefore(f.start());
        }
    }

    static MeterFaultScore of(List<JsonNode> truth, List<JsonNode> alerts) {
        Map<String, List<Fault>> faults = new HashMap<>();
        for (JsonNode t : truth) {
            if ("meterFault".equals(t.path("type").asText())) {
                faults.computeIfAbsent(t.get("customerId").asText(), k -> new ArrayList<>())
                        .add(
                                new Fault(
                                        t.get("kind").asText(),
                                        LocalDate.parse(t.get("start").asText()),
                                        LocalDate.parse(t.get("end").asText())));
            }
        }
        Map<String, List<Opened>> quality = new HashMap<>();
        Map<String, List<LocalDate>> theft = new HashMap<>();
        MeterFaultScore s = new MeterFaultScore();
        for (JsonNode a : alerts) {
            String type = a.get("type").asText();
            if (!type.equals("DATA_QUALITY") && !type.equals("THEFT")) {
                continue;
            }
            String customer = a.get("customerId").asText();
            LocalDate day = DetectionScore.openingDay(a.get("alertId").asText());
            if (type.equals("THEFT")) {
                theft.computeIfAbsent(customer, k -> new ArrayList<>()).add(day);
                continue;
            }
            String rule = a.get("rule").asText();
            Opened o =
                    new Opened(day, OffsetDateTime.parse(a.get("ts").asText()).toLocalDate(), rule);
            quality.computeIfAbsent(customer, k -> new ArrayList<>()).add(o);
            if (!RULES.containsValue(rule)) {
                continue; // an inspector's finding
            }
            s.dataAlerts++;
            boolean during = faults.getOrDefault(customer, List.of()).stream().anyMatch(o::during);
            s.falseAlerts += during ? 0 : 1;
        }
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, List<Long>> delays = new HashMap<>();
        Set<String> theftOnFaulty = new HashSet<>();
        faults.forEach(
                (customer, list) -> {
                    for (Fault f : list) {
                        int[] c = counts.computeIfAbsent(f.kind(), k -> new int[2]);
                        c[0]++;
                        quality.getOrDefault(customer, List.of()).stream()
                                .filter(o -> o.during(f))
                                .filter(o -> o.rule().equals(RULES.get(f.kind())))
                                .map(o -> o.day().isBefore(f.start()) ? f.start() : o.day())
                                .min(LocalDate::compareTo)
                                .ifPresent(
                                        first -> {
                                            c[1]++;
                                            delays.computeIfAbsent(f.kind(), k -> new ArrayList<>())
                                                    .add(
                                                            first.toEpochDay()
                                                                    - f.start().toEpochDay());
                                        });
                        if (theft.getOrDefault(customer, List.of()).stream()
                                .anyMatch(d -> !d.isBefore(f.start()))) {
                            theftOnFaulty.add(customer);
                        }
                    }
                });
        counts.forEach(
                (k, c) ->
                        s.kinds.put(k, new Kind(k, c[0], c[1], delays.getOrDefault(k, List.of()))));
        s.faulty = faults.size();
        s.theftAlerted = theftOnFaulty.size();
        return s;
    }

    /** Whether there is anything to say: injected faults, or alerts from the data. */
    boolean any() {
        return !kinds.isEmpty() || dataAlerts > 0;
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        if (!kinds.isEmpty()) {
            sb.append("| meter fault | faults | alerted | recall | median days to alert |\n");
            sb.append("| --- | ---: | ---: | ---: | ---: |\n");
            for (Kind k : kinds.values()) {
                double median = k.median();
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %d | %d | %.3f | %s |%n",
                                k.kind(),
                                k.faults(),
                                k.found(),
                                k.faults() == 0 ? Double.NaN : (double) k.found() / k.faults(),
                                Double.isNaN(median)
                                        ? "-"
                                        : String.format(Locale.ROOT, "%.1f", median)));
            }
        }
        sb.append(
                String.format(
                        Locale.ROOT,
                        "DATA_QUALITY: %d alerts from the data, %d of them outside every injected"
                                + " meter fault; %d of %d customers with an injected meter fault"
                                + " also got a THEFT alert%n",
                        dataAlerts,
                        falseAlerts,
                        theftAlerted,
                        faulty));
        return sb.toString();
    }
}
