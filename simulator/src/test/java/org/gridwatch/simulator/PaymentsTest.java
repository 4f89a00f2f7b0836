package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payments over January 25 to February 7: late payers settle December's bill (due January 20),
 * punctual ones January's (issued February 1), pre-paid customers top up.
 */
class PaymentsTest {
    @TempDir static Path dir;
    static FleetFiles files;
    static Map<String, JsonNode> customers = new HashMap<>();
    static Map<String, JsonNode> bills = new HashMap<>();
    static Map<String, List<Payment>> paymentsByCustomer = new HashMap<>();

    @BeforeAll
    static void simulate() throws Exception {
        files =
                FleetFiles.simulate(
                        SimulationConfig.of(1000, 14, 3)
                                .withStart(LocalDate.of(2026, 1, 25))
                                .withFaults(FaultRates.NONE),
                        dir);
        for (JsonNode c : files.truth("customer")) {
            customers.put(c.get("customerId").asText(), c);
        }
        for (JsonNode b : files.truth("bill")) {
            bills.put(b.get("customerId").asText() + " " + b.get("period").asText(), b);
        }
        for (Payment p : files.payments) {
            paymentsByCustomer.computeIfAbsent(p.customerId(), c -> new ArrayList<>()).add(p);
        }
    }

    private static long fen(JsonNode amount) {
        return amount.decimalValue().movePointRight(2).longValueExact();
    }

    @Test
    void numbersPaymentsInTheOrderTheyAreMade() {
        assertThat(files.payments).isNotEmpty();
        for (int i = 0; i < files.payments.size(); i++) {
            assertThat(files.payments.get(i).paymentId()).isEqualTo(String.format("P%08d", i + 1));
            if (i > 0) {
                assertThat(files.payments.get(i).tsMillis())
                        .isGreaterThanOrEqualTo(files.payments.get(i - 1).tsMillis());
            }
        }
    }

    @Test
    void neverPayersPayNothing() {
        int never = 0;
        for (JsonNode c : customers.values()) {
            if (c.get("payer").asText().equals("NEVER")) {
                never++;
                assertThat(paymentsByCustomer).doesNotContainKey(c.get("customerId").asText());
            }
        }
        assertThat(never).isPositive();
    }

    @Test
    void latePayersPayTheirLastBillInFullAfterItsDueDate() {
        int late = 0;
        for (Map.Entry<String, List<Payment>> e : paymentsByCustomer.entrySet()) {
            JsonNode c = customers.get(e.getKey());
            if (!c.get("payer").asText().equals("LATE")) {
                continue;
            }
            JsonNode december = bills.get(e.getKey() + " 2025-12");
            for (Payment p : e.getValue()) {
                late++;
                assertThat(p.amountFen()).isEqualTo(fen(december.get("billedAmount")));
                assertThat(p.tsMillis())
                        .isGreaterThan(EventTime.parse(december.get("due").asText()));
                assertThat(p.channel())
                        .isIn(PaymentChannel.COUNTER, PaymentChannel.APP, PaymentChannel.OTHER);
            }
        }
        assertThat(late).isPositive();
    }

    @Test
    void punctualPayersPayTheBillJustIssuedBeforeItIsDue() {
        int punctual = 0;
        for (Map.Entry<String, List<Payment>> e : paymentsByCustomer.entrySet()) {
            JsonNode c = customers.get(e.getKey());
            if (!c.get("payer").asText().equals("PUNCTUAL") || c.get("prepaid").asBoolean()) {
                continue;
            }
            JsonNode january = bills.get(e.getKey() + " 2026-01");
            assertThat(january.get("opening").asBoolean()).isFalse();
            for (Payment p : e.getValue()) {
                punctual++;
                assertThat(p.amountFen()).isEqualTo(fen(january.get("billedAmount")));
                assertThat(p.tsMillis())
                        .isGreaterThanOrEqualTo(EventTime.parse(january.get("issued").asText()))
                        .isLessThan(EventTime.parse(january.get("due").asText()));
                assertThat(p.channel().name()).isEqualTo(c.get("channel").asText());
            }
        }
        assertThat(punctual).isPositive();
    }

    @Test
    void prepaidCustomersTopUpInMultiplesOfFiftyYuan() {
        int topUps = 0;
        for (Payment p : files.payments) {
            if (customers.get(p.customerId()).get("prepaid").asBoolean()) {
                topUps++;
                assertThat(p.channel()).isEqualTo(PaymentChannel.PREPAID);
                assertThat(p.amountFen() % 5_000).isZero();
            }
        }
        assertThat(topUps).isPositive();
    }

    @Test
    void estimatesOnlyTheOpeningBillAtTheClassAveragePrice() {
        long total = 0;
        for (JsonNode b : files.truth("bill")) {
            if (!b.get("period").asText().equals("2025-12")) {
                assertThat(b.get("opening").asBoolean()).isFalse();
                assertThat(b.get("estimated").asBoolean()).isFalse();
                continue;
            }
            assertThat(b.get("opening").asBoolean()).isTrue();
            assertThat(b.get("estimated").asBoolean()).isTrue();
            JsonNode c = customers.get(b.get("customerId").asText());
            double price =
                    ClassProfiles.of(
                                    org.gridwatch.core.event.CustomerClass.valueOf(
                                            c.get("class").asText()))
                            .priceCnyPerKwh();
            long wh = b.get("kwh").decimalValue().movePointRight(3).longValueExact();
            assertThat(fen(b.get("amount"))).isEqualTo(Math.round(wh * price / 10));
            total += wh;
        }
        // Two periods per customer: the opening December estimate and January, billed although
        // the run starts on the 25th; February, which the run ends inside, is not billed.
        assertThat(files.truth("bill")).hasSize(2 * 1000);
        assertThat(total).isPositive();
    }

    @Test
    void withoutTheOpeningBillPostPaidCustomersPayOnlyBillsOfTheRun(@TempDir Path other)
            throws Exception {
        FleetFiles run =
                FleetFiles.simulate(
                        SimulationConfig.of(300, 14, 3)
                                .withStart(LocalDate.of(2026, 1, 25))
                                .withFaults(FaultRates.NONE)
                                .withOpeningBill(false),
                        other);
        Map<String, Boolean> prepaid = new HashMap<>();
        for (JsonNode c : run.truth("customer")) {
            prepaid.put(c.get("customerId").asText(), c.get("prepaid").asBoolean());
        }
        long firstIssue = EventTime.parse("2026-02-01T00:00:00+08:00");

        assertThat(run.truth("bill")).noneMatch(b -> b.get("opening").asBoolean());
        assertThat(run.payments.stream().filter(p -> !prepaid.get(p.customerId())))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.tsMillis()).isGreaterThanOrEqualTo(firstIssue));
    }
}
