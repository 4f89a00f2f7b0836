package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gridwatch.core.billing.BillCalculator;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.MonthSettlement;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.billing.ReadingHistory;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.tariff.TariffBook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truth's bills: the true bill from the energy the meters really measured, checked against the
 * registers in readings.jsonl; and the bill sent, recomputed from readings.jsonl alone with core's
 * settlement, the way the monitor bills.
 */
class TruthBillsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long DAY = 86_400_000L;
    private static final BillingCalendar CALENDAR =
            new BillingCalendar(ZONE, BillingCalendar.DEFAULT_DAYS_TO_PAY);

    @TempDir static Path dir;

    /** December and January to their ends, many faults of every kind. */
    static FleetFiles faulty;

    static Map<String, JsonNode> truth = new HashMap<>();

    @BeforeAll
    static void simulate() throws Exception {
        faulty =
                FleetFiles.simulate(
                        SimulationConfig.of(250, 38, 11)
                                .withStart(LocalDate.of(2025, 12, 25))
                                .withFaults(new FaultRates(0.02, 0.02, 0.02, 360)),
                        dir.resolve("faulty"));
        for (JsonNode b : faulty.truth("bill")) {
            if (!b.get("opening").asBoolean()) {
                truth.put(b.get("customerId").asText() + " " + b.get("period").asText(), b);
            }
        }
    }

    @Test
    void theTrueKwhOfAMonthIsWhatTheRegisterAdvancedAndWhatWasNotReadIsMissing() {
        long runStart = LocalDate.of(2025, 12, 25).atStartOfDay(ZONE).toInstant().toEpochMilli();
        Map<String, Map<Long, MeterReading>> byEnd = new HashMap<>();
        for (MeterReading r : faulty.readings) {
            byEnd.computeIfAbsent(r.meterId(), m -> new HashMap<>()).putIfAbsent(r.endMillis(), r);
        }
        int checked = 0;
        for (Customer c : faulty.customers) {
            Map<Long, MeterReading> reads = byEnd.get(c.meterId());
            for (YearMonth month : List.of(YearMonth.of(2025, 12), YearMonth.of(2026, 1))) {
                JsonNode bill = truth.get(c.customerId() + " " + month);
                long start = Math.max(runStart, CALENDAR.monthStartMillis(month));
                long end = CALENDAR.monthStartMillis(month.plusMonths(1));
                MeterReading opening = reads.get(start);
                MeterReading first =
                        reads.values().stream()
                                .filter(r -> r.startMillis() == start)
                                .findFirst()
                                .orElse(null);
                MeterReading closing = reads.get(end);
                long sumWh = 0;
                for (MeterReading r : reads.values()) {
                    if (r.startMillis() >= start && r.startMillis() < end) {
                        sumWh += FleetFiles.wh(r.kwh());
                    }
                }
                long openingWh =
                        opening != null
                                ? FleetFiles.wh(opening.registerKwh())
                                : first != null && start == runStart
                                        ? FleetFiles.wh(first.registerKwh() - first.kwh())
                                        : -1;
                if (openingWh < 0 || closing == null) {
                    continue; // a boundary reading was lost: the file cannot tell the register
                }
                long trueWh = milli(bill.get("kwh"));
                // The register's advance, read from the file on both sides of the month
                assertThat(trueWh)
                        .as(c.customerId() + " " + month)
                        .isEqualTo(FleetFiles.wh(closing.registerKwh()) - openingWh);
                // What the delivered readings do not show is what went missing
                assertThat(milli(bill.get("missingKwh"))).isEqualTo(trueWh - sumWh);
                long byPeriod = 0;
                for (JsonNode kwh : bill.get("kwhByPeriod")) {
                    byPeriod += milli(kwh);
                }
                assertThat(byPeriod).isEqualTo(trueWh);
                checked++;
            }
        }
        // 2 × 250 bills, less the few whose boundary reading was lost (2% of readings)
        assertThat(checked).isGreaterThan(450);
        assertThat(truth.values()).anyMatch(b -> milli(b.get("missingKwh")) > 0);
    }

    @Test
    void theBillSentIsWhatCoreBillsFromTheReadingsTheMonitorAccepts() {
        Map<String, BillStatement> expected = billsFromReadings(faulty);

        assertThat(expected).hasSize(2 * 250);
        assertThat(truth.keySet()).isEqualTo(expected.keySet());
        Set<String> tariffs = new HashSet<>();
        int estimated = 0;
        for (Map.Entry<String, BillStatement> e : expected.entrySet()) {
            BillStatement s = e.getValue();
            JsonNode b = truth.get(e.getKey());
            tariffs.add(s.tariffId());
            assertThat(fen(b.get("billedAmount"))).as(e.getKey()).isEqualTo(s.amountFen());
            assertThat(b.get("billedEstimatedKwh").decimalValue())
                    .isEqualByComparingTo(s.toBill().estimatedKwh() + "");
            assertThat(b.get("tariffId").asText()).isEqualTo(s.tariffId());
            estimated += s.estimatedKwh().signum() != 0 ? 1 : 0;
        }
        assertThat(tariffs).hasSizeGreaterThanOrEqualTo(6);
        assertThat(estimated).isPositive();
        assertThat(faulty.injected(DeliveryFault.DUPLICATE)).isPositive();
        assertThat(faulty.injected(DeliveryFault.MISSING)).isPositive();
        assertThat(faulty.injected(DeliveryFault.LATE)).isPositive();
    }

    @Test
    void withNoReadingLostTheBillSentIsTheTrueBillToTheFen() throws Exception {
        // Duplicates and late readings, none lost: the monitor has every reading.
        FleetFiles files =
                FleetFiles.simulate(
                        SimulationConfig.of(100, 38, 12)
                                .withStart(LocalDate.of(2025, 12, 25))
                                .withFaults(new FaultRates(0.02, 0, 0.02, 360)),
                        dir.resolve("no-loss"));

        List<JsonNode> bills = new ArrayList<>();
        for (JsonNode b : files.truth("bill")) {
            if (!b.get("opening").asBoolean()) {
                bills.add(b);
            }
        }

        assertThat(bills).hasSize(2 * 100);
        assertThat(bills)
                .allSatisfy(
                        b -> {
                            assertThat(b.get("billedAmount")).isEqualTo(b.get("amount"));
                            assertThat(milli(b.get("billedEstimatedKwh"))).isZero();
                            assertThat(milli(b.get("missingKwh"))).isZero();
                        });
    }

    @Test
    void doesNotBillAMonthTheRunEndsInsideButBillsOneItCoversToTheEnd() throws Exception {
        SimulationConfig toThe30th =
                SimulationConfig.of(20, 30, 5).withStart(LocalDate.of(2026, 1, 1));
        assertThat(realBillPeriods(FleetFiles.simulate(toThe30th, dir.resolve("a")))).isEmpty();

        SimulationConfig toThe31st =
                SimulationConfig.of(20, 31, 5).withStart(LocalDate.of(2026, 1, 1));
        assertThat(realBillPeriods(FleetFiles.simulate(toThe31st, dir.resolve("b"))))
                .containsOnly("2026-01")
                .hasSize(20);
    }

    private static List<String> realBillPeriods(FleetFiles files) {
        return files.truth("bill").stream()
                .filter(b -> !b.get("opening").asBoolean())
                .map(b -> b.get("period").asText())
                .toList();
    }

    /**
     * What the monitor bills, from the readings file: first copies into their months, each month
     * settled with the next month's readings at hand, in order, with the customer's ledger.
     */
    private static Map<String, BillStatement> billsFromReadings(FleetFiles files) {
        TariffBook book = TariffBook.presets(ZONE);
        Map<String, Customer> byMeter = new HashMap<>();
        for (Customer c : files.customers) {
            byMeter.put(c.meterId(), c);
        }
        Set<String> seen = new HashSet<>();
        Map<String, TreeMap<YearMonth, MonthlyUsage>> months = new TreeMap<>();
        long latestEnd = Long.MIN_VALUE;
        for (MeterReading r : files.readings) {
            if (!seen.add(r.meterId() + " " + r.endMillis())) {
                continue; // a duplicate: the monitor keeps the first copy
            }
            Customer c = byMeter.get(r.meterId());
            YearMonth month = CALENDAR.monthOf(r.startMillis());
            MonthlyUsage usage =
                    months.computeIfAbsent(c.customerId(), k -> new TreeMap<>())
                            .computeIfAbsent(month, m -> MonthlyUsage.of(m, CALENDAR));
            assertThat(
                            usage.add(
                                    r.startMillis(),
                                    r.intervalMinutes(),
                                    r.kwh(),
                                    r.registerKwh(),
                                    book.lookup(c.tariffId()),
                                    null))
                    .isTrue();
            latestEnd = Math.max(latestEnd, r.endMillis());
        }
        Map<String, Customer> byId = new HashMap<>();
        for (Customer c : files.customers) {
            byId.put(c.customerId(), c);
        }
        BillCalculator calculator = new BillCalculator(CALENDAR);
        Map<String, BillStatement> bills = new HashMap<>();
        for (Map.Entry<String, TreeMap<YearMonth, MonthlyUsage>> e : months.entrySet()) {
            Customer c = byId.get(e.getKey());
            CustomerLedger ledger = new CustomerLedger();
            ReadingHistory history = new ReadingHistory();
            for (MonthlyUsage usage : e.getValue().values()) {
                YearMonth m = usage.month();
                if (latestEnd <= CALENDAR.monthStartMillis(m.plusMonths(1)) - DAY) {
                    continue; // the run ends inside this month
                }
                history =
                        MonthSettlement.settle(
                                usage,
                                e.getValue().get(m.plusMonths(1)),
                                history,
                                book.lookup(c.tariffId()),
                                null);
                BillStatement s =
                        calculator.bill(
                                c.customerId(),
                                book.tariff(c.tariffId()),
                                usage,
                                c.contractKw(),
                                ledger.kwhBilledInYear(m.getYear()));
                ledger.issue(s);
                bills.put(c.customerId() + " " + m, s);
            }
        }
        return bills;
    }

    private static long fen(JsonNode amount) {
        return amount.decimalValue().movePointRight(2).longValueExact();
    }

    private static long milli(JsonNode kwh) {
        return kwh.decimalValue().movePointRight(3).longValueExact();
    }
}
