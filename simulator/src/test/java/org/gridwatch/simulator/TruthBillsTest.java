package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gridwatch.core.billing.BillCalculator;
import org.gridwatch.core.billing.BillStatement;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.CustomerLedger;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.tariff.HolidayCalendar;
import org.gridwatch.core.tariff.PeriodLookup;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffBook;
import org.gridwatch.core.tariff.TariffFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The truth's bills are the bills the monitor job computes: recomputed here from readings.jsonl
 * alone with core's tariff and billing classes, the way the monitor accepts readings.
 */
class TruthBillsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long DAY = 86_400_000L;
    // PeriodLookup wants a fixed offset: Asia/Shanghai had daylight saving until 1991.
    private static final ZoneOffset CHINA_OFFSET = ZoneOffset.ofHours(8);

    @TempDir Path dir;

    @Test
    void truthBillsEqualBillsComputedFromTheAcceptedReadingsToTheFen() throws Exception {
        // December and January to their ends, so annual tiers restart in between; many faults,
        // so duplicates, missing and late readings all shape the bills.
        FleetFiles files =
                FleetFiles.simulate(
                        SimulationConfig.of(250, 38, 11)
                                .withStart(LocalDate.of(2025, 12, 25))
                                .withFaults(new FaultRates(0.02, 0.02, 0.02, 360)),
                        dir);
        Map<String, JsonNode> truth = new HashMap<>();
        for (JsonNode b : files.truth("bill")) {
            if (!b.get("opening").asBoolean()) {
                truth.put(b.get("customerId").asText() + " " + b.get("period").asText(), b);
            }
        }

        Map<String, BillStatement> expected = billsFromReadings(files);

        assertThat(expected).hasSize(2 * 250);
        assertThat(truth.keySet()).isEqualTo(expected.keySet());
        Set<String> tariffs = new HashSet<>();
        for (Map.Entry<String, BillStatement> e : expected.entrySet()) {
            BillStatement s = e.getValue();
            JsonNode b = truth.get(e.getKey());
            tariffs.add(s.tariffId());
            assertThat(fen(b.get("amount"))).as(e.getKey()).isEqualTo(s.amountFen());
            assertThat(b.get("tariffId").asText()).isEqualTo(s.tariffId());
            assertThat(EventTime.parse(b.get("issued").asText())).isEqualTo(s.issuedMillis());
            assertThat(EventTime.parse(b.get("due").asText())).isEqualTo(s.dueMillis());
            assertThat(b.get("kwh").decimalValue().movePointRight(3).longValueExact())
                    .isEqualTo(s.totalKwh().movePointRight(3).longValueExact());
            Map<String, Double> periods = new TreeMap<>();
            b.get("kwhByPeriod")
                    .fields()
                    .forEachRemaining(f -> periods.put(f.getKey(), f.getValue().asDouble()));
            assertThat(periods).isEqualTo(new TreeMap<>(s.toBill().kwhByPeriod()));
        }
        assertThat(tariffs).hasSizeGreaterThanOrEqualTo(6);
        assertThat(files.injected(DeliveryFault.DUPLICATE)).isPositive();
        assertThat(files.injected(DeliveryFault.MISSING)).isPositive();
        assertThat(files.injected(DeliveryFault.LATE)).isPositive();
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

    private static java.util.List<String> realBillPeriods(FleetFiles files) {
        return files.truth("bill").stream()
                .filter(b -> !b.get("opening").asBoolean())
                .map(b -> b.get("period").asText())
                .toList();
    }

    /** What the monitor bills, from the readings file: first copies, each month in order. */
    private static Map<String, BillStatement> billsFromReadings(FleetFiles files) {
        TariffBook book = new TariffBook(TariffFile.presets(), HolidayCalendar.china2026(), ZONE);
        BillingCalendar calendar = new BillingCalendar(ZONE, BillingCalendar.DEFAULT_DAYS_TO_PAY);
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
            Tariff tariff = book.tariff(c.tariffId());
            PeriodLookup lookup =
                    new PeriodLookup(tariff.schedule(), HolidayCalendar.china2026(), CHINA_OFFSET);
            YearMonth month = calendar.monthOf(r.startMillis());
            MonthlyUsage usage =
                    months.computeIfAbsent(c.customerId(), k -> new TreeMap<>())
                            .computeIfAbsent(month, m -> MonthlyUsage.of(m, calendar));
            assertThat(usage.add(r.startMillis(), r.intervalMinutes(), r.kwh(), lookup)).isTrue();
            latestEnd = Math.max(latestEnd, r.endMillis());
        }
        Map<String, Customer> byId = new HashMap<>();
        for (Customer c : files.customers) {
            byId.put(c.customerId(), c);
        }
        BillCalculator calculator = new BillCalculator(calendar);
        Map<String, BillStatement> bills = new HashMap<>();
        for (Map.Entry<String, TreeMap<YearMonth, MonthlyUsage>> e : months.entrySet()) {
            Customer c = byId.get(e.getKey());
            Tariff tariff = book.tariff(c.tariffId());
            CustomerLedger ledger = new CustomerLedger();
            for (MonthlyUsage usage : e.getValue().values()) {
                YearMonth m = usage.month();
                if (latestEnd <= calendar.monthStartMillis(m.plusMonths(1)) - DAY) {
                    continue; // the run ends inside this month
                }
                BillStatement s =
                        calculator.bill(
                                c.customerId(),
                                tariff,
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
}
