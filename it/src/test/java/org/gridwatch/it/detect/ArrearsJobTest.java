package org.gridwatch.it.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridwatch.it.Fleets;
import org.gridwatch.it.MonitoredFleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARREARS through the real monitor job: a fleet with every payer persona ({@link Fleets#ARREARS}),
 * replayed from files; its alerts against the simulator's truth (the day each customer's oldest
 * unpaid bill first reached 90 days past due). The bar: 30 days ahead, at least 80% of
 * those customers alerted, with a precision of at least 0.5. Scored here from the files, apart from
 * {@code bin/gridwatch evaluate}'s code.
 */
class ArrearsJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<JsonNode> arrearsAlerts = new ArrayList<>();
    private static final Map<String, LocalDate> reaches90 = new HashMap<>();
    private static final Set<String> prepaid = new HashSet<>();
    private static LocalDate end;

    @BeforeAll
    static void replay() throws Exception {
        MonitoredFleet fleet = MonitoredFleet.of(Fleets.ARREARS);
        end = Fleets.ARREARS.start().plusDays(Fleets.ARREARS.days());
        for (JsonNode t : lines(fleet.simulationDir().resolve("truth.jsonl"))) {
            if ("arrears".equals(t.get("type").asText())) {
                reaches90.put(
                        t.get("customerId").asText(),
                        LocalDate.parse(t.get("reaches90DaysPastDue").asText()));
            }
        }
        for (JsonNode c : lines(fleet.simulationDir().resolve("customers.jsonl"))) {
            if (c.get("prepaid").asBoolean()) {
                prepaid.add(c.get("customerId").asText());
            }
        }
        for (JsonNode a : lines(fleet.outDir().resolve("alerts.jsonl"))) {
            if ("ARREARS".equals(a.get("type").asText())) {
                arrearsAlerts.add(a);
            }
        }
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** Each alerted customer's first opening day, from the ids (arrears:customer:yyyyMMdd). */
    private static Map<String, LocalDate> firstOpened() {
        Map<String, LocalDate> first = new HashMap<>();
        for (JsonNode a : arrearsAlerts) {
            String[] id = a.get("alertId").asText().split(":");
            LocalDate day =
                    LocalDate.of(
                            Integer.parseInt(id[2].substring(0, 4)),
                            Integer.parseInt(id[2].substring(4, 6)),
                            Integer.parseInt(id[2].substring(6, 8)));
            first.merge(id[1], day, (x, y) -> x.isBefore(y) ? x : y);
        }
        return first;
    }

    @Test
    void atLeastFourInFiveOfThoseWhoReach90DaysPastDueAreAlertedAMonthAhead() {
        Map<String, LocalDate> opened = firstOpened();
        assertThat(reaches90).as("arrears in the truth").hasSizeGreaterThanOrEqualTo(8);
        long ahead =
                reaches90.entrySet().stream()
                        .filter(
                                r -> {
                                    LocalDate o = opened.get(r.getKey());
                                    return o != null && !o.isAfter(r.getValue().minusDays(30));
                                })
                        .count();
        assertThat((double) ahead / reaches90.size())
                .as("%d of %d alerted 30 days ahead", ahead, reaches90.size())
                .isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void atLeastHalfOfTheAlertedReach90DaysPastDue() {
        // An alert needs 30 days past due: opened 60 days before the end, its bill has either
        // been paid or reached 90 days within the run.
        LocalDate settled = end.minusDays(60);
        int judged = 0;
        int right = 0;
        for (Map.Entry<String, LocalDate> o : firstOpened().entrySet()) {
            if (!o.getValue().isAfter(settled)) {
                judged++;
                right += reaches90.containsKey(o.getKey()) ? 1 : 0;
            }
        }
        assertThat(judged).isPositive();
        assertThat((double) right / judged)
                .as("%d of %d alerted reach 90 days past due", right, judged)
                .isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void noPrepaidCustomerIsInArrears() {
        assertThat(prepaid).as("pre-paid customers in the fleet").isNotEmpty();
        assertThat(arrearsAlerts).noneMatch(a -> prepaid.contains(a.get("customerId").asText()));
    }

    @Test
    void anOpenAlertSaysWhatIsOwedAndForWhichMonths() {
        List<JsonNode> open =
                arrearsAlerts.stream()
                        .filter(a -> !"CLOSED".equals(a.get("status").asText()))
                        .toList();
        assertThat(open).isNotEmpty();
        for (JsonNode a : open) {
            assertThat(a.get("openBills").size()).as(a.toString()).isPositive();
            double atRisk = a.get("valueAtRiskCny").asDouble();
            double owed = a.get("amountOwedCny").asDouble();
            double penalty = a.get("evidence").get("penaltyCny").asDouble();
            assertThat(atRisk).as(a.toString()).isPositive();
            assertThat(owed).as(a.toString()).isCloseTo(atRisk + penalty, within(0.011));
            // at least a month past due: the 1 CNY minimum or more
            assertThat(penalty).as(a.toString()).isGreaterThanOrEqualTo(1.0);
            assertThat(a.get("evidence").get("daysPastDue").asInt()).isGreaterThanOrEqualTo(30);
        }
    }
}
