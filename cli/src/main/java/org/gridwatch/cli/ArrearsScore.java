package org.gridwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A monitor run's ARREARS alerts scored against the simulator's truth ({@code arrears} lines: the
 * day a customer's oldest unpaid bill first reached 90 days past due).
 *
 * <ul>
 *   <li><b>Recall 30 days ahead</b>: of the customers who reach 90 days past due, those with an
 *       ARREARS alert opened on or before 30 days before that day. Arrears on the simulator's
 *       opening bill (the month before the run, which the monitor never billed: it saw no readings
 *       of it) are counted apart; simulate with {@code --no-opening-bill} to have none.
 *   <li><b>Precision</b>: of the customers whose first ARREARS alert opened at least 60 days before
 *       the run's end (an alert needs 30 days past due, so by then its bill has either been paid or
 *       reached 90 days within the run), those who reach 90 days past due.
 *   <li>Pre-paid customers with an ARREARS alert: there must be none.
 * </ul>
 *
 * The alert's opening day is the date in its id ({@code arrears:<customer>:<yyyyMMdd>}).
 */
final class ArrearsScore {
    static final int AHEAD_DAYS = 30;
    static final int SETTLED_DAYS = 60;

    int reached;
    int reachedOnOpeningBill;
    int foundAhead;
    final List<Long> leadDays = new ArrayList<>();
    int flaggedSettled;
    int flaggedSettledTrue;
    int flaggedTotal;
    int prepaidFlagged;
    final Map<String, int[]> flaggedByPayer = new TreeMap<>();

    static ArrearsScore of(List<JsonNode> customers, List<JsonNode> truth, List<JsonNode> alerts) {
        ArrearsScore s = new ArrearsScore();
        LocalDate end = null;
        String openingPeriod = null;
        Map<String, JsonNode> arrears = new HashMap<>();
        Map<String, String> payers = new HashMap<>();
        for (JsonNode t : truth) {
            switch (t.path("type").asText()) {
                case "run" -> {
                    LocalDate start = LocalDate.parse(t.get("start").asText());
                    end = start.plusDays(t.get("days").asLong());
                    openingPeriod = YearMonth.from(start).minusMonths(1).toString();
                }
                case "arrears" -> arrears.put(t.get("customerId").asText(), t);
                case "customer" ->
                        payers.put(t.get("customerId").asText(), t.path("payer").asText());
                default -> {}
            }
        }
        if (end == null) {
            throw new IllegalArgumentException("the truth has no run line");
        }
        Map<String, Boolean> prepaid = new HashMap<>();
        for (JsonNode c : customers) {
            prepaid.put(c.get("customerId").asText(), c.path("prepaid").asBoolean(false));
        }
        Map<String, LocalDate> firstOpened = new HashMap<>();
        for (JsonNode a : alerts) {
            if (!"ARREARS".equals(a.get("type").asText())) {
                continue;
            }
            LocalDate opened = DetectionScore.openingDay(a.get("alertId").asText());
            firstOpened.merge(
                    a.get("customerId").asText(), opened, (x, y) -> x.isBefore(y) ? x : y);
        }
        for (JsonNode t : arrears.values()) {
            if (t.get("bill").asText().equals(openingPeriod)) {
                s.reachedOnOpeningBill++;
                continue;
            }
            s.reached++;
            LocalDate reachedOn = LocalDate.parse(t.get("reaches90DaysPastDue").asText());
            LocalDate opened = firstOpened.get(t.get("customerId").asText());
            if (opened != null && !opened.isAfter(reachedOn.minusDays(AHEAD_DAYS))) {
                s.foundAhead++;
                s.leadDays.add(reachedOn.toEpochDay() - opened.toEpochDay());
            }
        }
        LocalDate settledBy = end.minusDays(SETTLED_DAYS);
        for (Map.Entry<String, LocalDate> f : firstOpened.entrySet()) {
            String customer = f.getKey();
            s.flaggedTotal++;
            if (prepaid.getOrDefault(customer, false)) {
                s.prepaidFlagged++;
            }
            if (f.getValue().isAfter(settledBy)) {
                continue;
            }
            boolean right = arrears.containsKey(customer);
            s.flaggedSettled++;
            s.flaggedSettledTrue += right ? 1 : 0;
            int[] byPayer =
                    s.flaggedByPayer.computeIfAbsent(
                            payers.getOrDefault(customer, "?"), k -> new int[2]);
            byPayer[0]++;
            byPayer[1] += right ? 1 : 0;
        }
        s.leadDays.sort(null);
        return s;
    }

    double recall() {
        return reached == 0 ? Double.NaN : (double) foundAhead / reached;
    }

    double precision() {
        return flaggedSettled == 0 ? Double.NaN : (double) flaggedSettledTrue / flaggedSettled;
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "ARREARS: %d of %d customers who reach 90 days past due alerted %d days"
                                + " ahead (recall %.3f; median lead %s days)%s%n",
                        foundAhead,
                        reached,
                        AHEAD_DAYS,
                        recall(),
                        leadDays.isEmpty() ? "-" : leadDays.get(leadDays.size() / 2),
                        reachedOnOpeningBill == 0
                                ? ""
                                : "; "
                                        + reachedOnOpeningBill
                                        + " more on the opening bill, which the monitor never"
                                        + " billed"));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "ARREARS: precision %.3f (%d of %d alerted customers whose alert opened %d"
                                + " days or more before the run's end reach 90 days); %d"
                                + " alerted in all; %d pre-paid customers alerted%n",
                        precision(),
                        flaggedSettledTrue,
                        flaggedSettled,
                        SETTLED_DAYS,
                        flaggedTotal,
                        prepaidFlagged));
        if (!flaggedByPayer.isEmpty()) {
            sb.append("| payer | alerted | reach 90 days |\n| --- | ---: | ---: |\n");
            flaggedByPayer.forEach(
                    (payer, c) ->
                            sb.append(
                                    String.format(
                                            Locale.ROOT, "| %s | %d | %d |%n", payer, c[0], c[1])));
        }
        return sb.toString();
    }
}
