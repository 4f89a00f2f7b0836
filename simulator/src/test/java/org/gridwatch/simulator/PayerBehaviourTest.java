package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The varied payer mix over 170 days (to mid-June: the opening, January and February bills can
 * reach 90 days past due), checked against the payments and bills written.
 */
class PayerBehaviourTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int DAYS = 170;

    static final Map<String, String> payer = new HashMap<>();
    static final Map<String, Boolean> prepaid = new HashMap<>();
    static final Map<String, List<Payment>> payments = new HashMap<>();
    static final Map<String, JsonNode> paymentById = new HashMap<>();
    static final List<JsonNode> truth = new ArrayList<>();

    @BeforeAll
    static void simulate() throws Exception {
        SimulationConfig config =
                SimulationConfig.of(400, DAYS, 11)
                        .withPayerMix(new PayerMix(0.05, 0.05, 0.15, 0.15, 0.15, 0.3))
                        .withFaults(FaultRates.NONE);
        RecordingSink sink =
                new RecordingSink(EnumSet.of(Source.METER_READINGS, Source.AREA_READINGS));
        new FleetSimulator(config).run(sink, Progress.NONE);
        EventCodec codec = new EventCodec();
        for (RecordingSink.Input in : sink.inputs) {
            if (in.source() == Source.PAYMENTS) {
                Parsed<Payment> p = codec.parsePayment(in.json());
                assertThat(p).as(in.json()).isInstanceOf(Parsed.Ok.class);
                Payment pay = ((Parsed.Ok<Payment>) p).value();
                payments.computeIfAbsent(pay.customerId(), k -> new ArrayList<>()).add(pay);
            }
        }
        for (String line : sink.truth) {
            JsonNode n = MAPPER.readTree(line);
            truth.add(n);
            if (n.get("type").asText().equals("customer")) {
                payer.put(n.get("customerId").asText(), n.get("payer").asText());
                prepaid.put(n.get("customerId").asText(), n.get("prepaid").asBoolean());
            }
        }
    }

    private static List<JsonNode> truth(String type) {
        return truth.stream().filter(n -> n.get("type").asText().equals(type)).toList();
    }

    private static long millis(String ts) {
        return OffsetDateTime.parse(ts).toInstant().toEpochMilli();
    }

    @Test
    void everyPersonaIsPresent() {
        assertThat(payer.values())
                .contains(
                        "PUNCTUAL", "LATE", "NEVER", "OCCASIONAL", "CHRONIC", "BOUNCER", "RUN_OUT");
        payer.forEach(
                (id, p) ->
                        assertThat(p.equals("RUN_OUT"))
                                .as(id)
                                .isEqualTo(p.equals("RUN_OUT") && prepaid.get(id)));
    }

    @Test
    void aBouncedPaymentIsReversedWithItsIdAndAmountAndPaidAgain() {
        List<JsonNode> bounces = truth("bounce");
        assertThat(bounces).isNotEmpty();
        for (JsonNode b : bounces) {
            String customer = b.get("customerId").asText();
            assertThat(payer.get(customer)).isEqualTo("BOUNCER");
            long fen = Math.round(b.get("amount").asDouble() * 100);
            List<Payment> own = payments.get(customer);
            Payment paid =
                    own.stream()
                            .filter(
                                    p ->
                                            p.paymentId().equals(b.get("paymentId").asText())
                                                    && p.amountFen() > 0)
                            .findFirst()
                            .orElseThrow();
            Payment reversal =
                    own.stream()
                            .filter(
                                    p ->
                                            p.paymentId().equals(b.get("paymentId").asText())
                                                    && p.amountFen() < 0)
                            .findFirst()
                            .orElseThrow();
            assertThat(paid.amountFen()).isEqualTo(fen);
            assertThat(reversal.amountFen()).isEqualTo(-fen);
            assertThat(paid.tsMillis()).isEqualTo(millis(b.get("paid").asText()));
            assertThat(reversal.tsMillis()).isEqualTo(millis(b.get("reversed").asText()));
            long days = (reversal.tsMillis() - paid.tsMillis()) / 86_400_000L;
            assertThat(days).isBetween(3L, 10L);
        }
        // Only bouncers' payments are ever negative.
        payments.forEach(
                (id, ps) -> {
                    if (!payer.get(id).equals("BOUNCER")) {
                        assertThat(ps).allMatch(p -> p.amountFen() > 0);
                    }
                });
    }

    @Test
    void aPrepaidCustomerWhoRunsOutStopsToppingUp() {
        List<JsonNode> runOuts = truth("prepaid-run-out");
        assertThat(runOuts).isNotEmpty();
        for (JsonNode r : runOuts) {
            String customer = r.get("customerId").asText();
            assertThat(payer.get(customer)).isEqualTo("RUN_OUT");
            assertThat(r.get("balance").asDouble()).isNegative();
            LocalDate stop = LocalDate.parse(r.get("stopsTopUpsAfter").asText());
            assertThat(LocalDate.parse(r.get("runOut").asText())).isAfterOrEqualTo(stop);
            // A top-up decided on the last day arrives the next day; none after.
            long limit = stop.plusDays(2).atStartOfDay(ZONE).toInstant().toEpochMilli();
            assertThat(payments.getOrDefault(customer, List.of()))
                    .allMatch(p -> p.tsMillis() < limit);
        }
    }

    /**
     * Re-derives, from the bills sent and the payments written, the first day at whose start each
     * post-paid customer's oldest unpaid bill was 90 days past due: payments (less reversals) pay
     * the oldest bills first.
     */
    @Test
    void arrearsLinesAreTheDaysTheOldestUnpaidBillReaches90DaysPastDue() {
        Map<String, TreeMap<Long, Long>> bills = new HashMap<>();
        for (JsonNode b : truth("bill")) {
            long fen = Math.round(b.get("billedAmount").asDouble() * 100);
            if (fen > 0 && !prepaid.get(b.get("customerId").asText())) {
                bills.computeIfAbsent(b.get("customerId").asText(), k -> new TreeMap<>())
                        .merge(millis(b.get("due").asText()), fen, Long::sum);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        LocalDate start = LocalDate.of(2026, 1, 1);
        for (Map.Entry<String, TreeMap<Long, Long>> e : bills.entrySet()) {
            List<Payment> own = payments.getOrDefault(e.getKey(), List.of());
            for (int d = 0; d < DAYS && !expected.containsKey(e.getKey()); d++) {
                LocalDate date = start.plusDays(d);
                long dayStart = date.atStartOfDay(ZONE).toInstant().toEpochMilli();
                long paid =
                        own.stream()
                                .filter(p -> p.tsMillis() < dayStart)
                                .mapToLong(Payment::amountFen)
                                .sum();
                for (Map.Entry<Long, Long> bill : e.getValue().entrySet()) {
                    if (paid >= bill.getValue()) {
                        paid -= bill.getValue();
                        continue;
                    }
                    if (bill.getKey() <= dayStart - 90 * 86_400_000L) {
                        expected.put(e.getKey(), date.toString());
                    }
                    break;
                }
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode a : truth("arrears")) {
            assertThat(
                            actual.put(
                                    a.get("customerId").asText(),
                                    a.get("reaches90DaysPastDue").asText()))
                    .isNull();
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.keySet())
                .extracting(payer::get)
                .contains("NEVER", "CHRONIC")
                .doesNotContain("PUNCTUAL");
        // Hand computed: the opening bill (December) falls due on 20 January; 90 days later is
        // 20 April, the day a customer who never pays reaches 90 days past due.
        payer.forEach(
                (id, p) -> {
                    if (p.equals("NEVER") && !prepaid.get(id)) {
                        assertThat(actual.get(id)).as(id).isEqualTo("2026-04-20");
                    }
                });
    }
}
