package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.tariff.Tariff;
import org.gridwatch.core.tariff.TariffFile;
import org.gridwatch.core.tariff.TariffPeriod;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor job's bills, from the real job over the simulated fleet ({@link Fleets#SMALL}: 300
 * customers read from 29 January to 1 February; January is billed, each customer's first month),
 * against the truth.
 *
 * <p><b>What is compared, and why it is independent.</b> The truth's bill is the energy the
 * simulated meters really measured, every reading sent or lost (the register's advance), priced by
 * core's tariff engine. The job never sees the lost readings: it bills the register and estimates.
 * So the kWh, the estimated kWh and the amounts are checked against energy the job cannot read from
 * its input. The pricing both share is checked by hand in core (BillCalculatorTest,
 * MonthSettlementTest).
 *
 * <p><b>Where the reference is exact</b> — to the fen, kWh per period to the Wh:
 *
 * <ul>
 *   <li>every reading of the month arrived: nothing estimated;
 *   <li>readings were lost inside the month, none next to another: the register on both sides of
 *       each gap tells its energy, and one reading lies in one tariff period (the shipped tariffs
 *       change period on whole hours): {@code estimatedKwh} is the lost energy.
 * </ul>
 *
 * <p><b>Where it is not</b>, and what is checked instead:
 *
 * <ul>
 *   <li>lost readings next to each other: the total is the register's, exact; the split of the gap
 *       over periods is the profile's: the amount within the gap's kWh × the tariff's price spread;
 *   <li>the customer's first reading lost: the job bills from the first reading it saw (it cannot
 *       know what came before): short by at most the lost energy;
 *   <li>the month's last reading lost: the gap runs into February and the profile shares it (the
 *       February bill, beyond this run, trues it up): within the register's jump across the gap.
 * </ul>
 *
 * <p>The bill the simulated customer was sent and pays (core's settlement over the readings the
 * monitor accepts) must also equal the job's bill to the fen, for every customer: not independent
 * (the same core rule), it checks that the job applies that rule to the right data at the right
 * time (timers, keyed state, the next month's first reading).
 */
class BillsTest {
    private static final Logger LOG = LoggerFactory.getLogger(BillsTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE = 60_000L;

    private final MonitoredFleet fleet;
    private final Map<String, JsonNode> truth = new TreeMap<>();
    private final Map<String, JsonNode> billed = new TreeMap<>();
    private final Map<String, Integer> intervalMinutes = new HashMap<>();
    private final Map<String, String> meterOf = new HashMap<>();
    private final Map<String, Set<Long>> lostEnds = new HashMap<>();
    private final long start;
    private final long monthEnd;

    BillsTest() throws Exception {
        fleet = MonitoredFleet.shared();
        for (String line : Files.readAllLines(fleet.simulationDir().resolve("truth.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            switch (n.get("type").asText()) {
                case "bill" -> {
                    if (!n.get("opening").asBoolean()) {
                        truth.put(key(n), n);
                    }
                }
                case "customer" -> {
                    intervalMinutes.put(
                            n.get("customerId").asText(), n.get("intervalMinutes").asInt());
                    meterOf.put(n.get("customerId").asText(), n.get("meterId").asText());
                }
                case "fault" -> {
                    if (n.get("fault").asText().equals("MISSING")) {
                        lostEnds.computeIfAbsent(n.get("meterId").asText(), m -> new HashSet<>())
                                .add(EventTime.parse(n.get("ts").asText()));
                    }
                }
                default -> {}
            }
        }
        for (String line : Files.readAllLines(fleet.outDir().resolve("bills.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            billed.put(key(n), n);
        }
        LocalDate first = Fleets.SMALL.start();
        start = first.atStartOfDay(Fleets.SMALL.zone()).toInstant().toEpochMilli();
        monthEnd =
                first.withDayOfMonth(1)
                        .plusMonths(1)
                        .atStartOfDay(Fleets.SMALL.zone())
                        .toInstant()
                        .toEpochMilli();
    }

    @Test
    void billsEveryCustomerWhatTheSimulatedCustomerWasSentToTheFen() {
        assertThat(truth).hasSize(Fleets.SMALL.customers());
        assertThat(billed.keySet()).isEqualTo(truth.keySet());
        truth.forEach(
                (key, t) -> {
                    JsonNode b = billed.get(key);
                    assertThat(fen(b.get("amount"))).as(key).isEqualTo(fen(t.get("billedAmount")));
                    assertThat(wh(b.get("estimatedKwh")))
                            .as(key)
                            .isEqualTo(wh(t.get("billedEstimatedKwh")));
                    assertThat(b.get("tariffId").asText()).isEqualTo(t.get("tariffId").asText());
                    assertThat(b.get("issued")).isEqualTo(t.get("issued"));
                    assertThat(b.get("due")).isEqualTo(t.get("due"));
                });
    }

    @Test
    void billsTheTrueEnergyToTheFenWhereTheRegisterTellsItAndWithinTheGapWhereItCannot()
            throws Exception {
        Map<String, Integer> cases = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : truth.entrySet()) {
            String key = e.getKey();
            JsonNode t = e.getValue();
            JsonNode b = billed.get(key);
            String customer = t.get("customerId").asText();
            long interval = intervalMinutes.get(customer) * MINUTE;
            Set<Long> lost = lostEnds.getOrDefault(meterOf.get(customer), Set.of());
            long trueWh = wh(t.get("kwh"));
            long billedWh = totalWh(b);
            long lostWh = wh(t.get("missingKwh"));
            Tariff tariff = TariffFile.presets().get(t.get("tariffId").asText());
            String kind;
            if (lostWh == 0 && lost.stream().noneMatch(end -> end <= monthEnd)) {
                kind = "every reading arrived: exact";
                assertExact(key, t, b);
                assertThat(wh(b.get("estimatedKwh"))).as(key).isZero();
            } else if (lost.contains(start + interval)) {
                kind = "first reading lost: short by at most the lost energy";
                assertThat(billedWh).as(key).isBetween(trueWh - lostWh, trueWh);
                assertAmountWithin(key, t, b, tariff, trueWh - billedWh, lostWh);
            } else if (lost.contains(monthEnd)) {
                kind = "last reading lost: within the register's jump across the gap";
                long gapWh = registerJumpAcrossTheMonthsEnd(meterOf.get(customer));
                assertThat(Math.abs(billedWh - trueWh)).as(key).isLessThanOrEqualTo(gapWh);
                assertAmountWithin(key, t, b, tariff, billedWh - trueWh, wh(b.get("estimatedKwh")));
            } else {
                assertThat(billedWh).as(key).isEqualTo(trueWh); // the register's difference
                assertThat(wh(b.get("estimatedKwh"))).as(key).isEqualTo(lostWh);
                if (lost.stream().noneMatch(end -> lost.contains(end + interval))) {
                    kind = "lost readings, each alone: exact";
                    assertExact(key, t, b);
                } else {
                    kind = "lost readings next to each other: total exact, split within the gap";
                    assertAmountWithin(key, t, b, tariff, 0, lostWh);
                }
            }
            cases.merge(kind, 1, Integer::sum);
        }
        LOG.info("January bills against the true energy: {}", cases);
        // for docs: how many bills each case holds in this run
        Files.writeString(Path.of("target", "bills-against-truth.txt"), cases + "\n");
        int exact =
                cases.getOrDefault("every reading arrived: exact", 0)
                        + cases.getOrDefault("lost readings, each alone: exact", 0);
        assertThat(cases.getOrDefault("lost readings, each alone: exact", 0))
                .as("the register brought lost readings back: %s", cases)
                .isPositive();
        assertThat(exact).as("%s", cases).isGreaterThanOrEqualTo(290); // of 300
    }

    private static void assertExact(String key, JsonNode trueBill, JsonNode bill) {
        assertThat(fen(bill.get("amount"))).as(key).isEqualTo(fen(trueBill.get("amount")));
        Map<String, Long> want = new TreeMap<>();
        trueBill.get("kwhByPeriod")
                .fields()
                .forEachRemaining(f -> want.put(f.getKey(), wh(f.getValue())));
        Map<String, Long> got = new TreeMap<>();
        bill.get("kwh").fields().forEachRemaining(f -> got.put(f.getKey(), wh(f.getValue())));
        assertThat(got).as(key).isEqualTo(want);
    }

    /**
     * The amount may differ by what a kWh costs at most (the dearest period plus the highest tier
     * increment) on the kWh that differ, plus the price spread of the tariff on the estimated kWh
     * that may sit in another period, plus half a fen of rounding on each of up to five lines.
     */
    private static void assertAmountWithin(
            String key,
            JsonNode trueBill,
            JsonNode bill,
            Tariff tariff,
            long differentWh,
            long estimatedWh) {
        BigDecimal highest = BigDecimal.ZERO;
        BigDecimal lowest = null;
        for (TariffPeriod p : TariffPeriod.values()) {
            if (tariff.prices().price(p).isPresent()) {
                BigDecimal price = tariff.priceOf(p);
                highest = highest.max(price);
                lowest = lowest == null ? price : lowest.min(price);
            }
        }
        BigDecimal increment = BigDecimal.ZERO;
        for (var tier : tariff.tiers().tiers()) {
            increment = increment.max(tier.incrementCnyPerKwh());
        }
        BigDecimal boundFen =
                BigDecimal.valueOf(Math.abs(differentWh), 3)
                        .multiply(highest.add(increment))
                        .add(
                                BigDecimal.valueOf(Math.abs(estimatedWh), 3)
                                        .multiply(highest.subtract(lowest)))
                        .movePointRight(2)
                        .add(BigDecimal.valueOf(3));
        long difference = Math.abs(fen(bill.get("amount")) - fen(trueBill.get("amount")));
        assertThat(BigDecimal.valueOf(difference)).as(key).isLessThanOrEqualTo(boundFen);
    }

    /**
     * From readings.jsonl: the register at the start of the meter's first reading after January
     * less the register at the end of its last January reading, Wh.
     */
    private long registerJumpAcrossTheMonthsEnd(String meterId) throws Exception {
        long before = Long.MIN_VALUE;
        long beforeEnd = Long.MIN_VALUE;
        long after = Long.MIN_VALUE;
        long afterEnd = Long.MAX_VALUE;
        for (String line : Files.readAllLines(fleet.simulationDir().resolve("readings.jsonl"))) {
            if (!line.contains("\"" + meterId + "\"")) {
                continue;
            }
            JsonNode r = JSON.readTree(line);
            long end = EventTime.parse(r.get("ts").asText());
            long register = wh(r.get("registerKwh"));
            if (end <= monthEnd && end > beforeEnd) {
                beforeEnd = end;
                before = register;
            } else if (end > monthEnd && end < afterEnd) {
                afterEnd = end;
                after = register - wh(r.get("kwh"));
            }
        }
        return after - before;
    }

    private static long totalWh(JsonNode bill) {
        long sum = 0;
        for (JsonNode kwh : bill.get("kwh")) {
            sum += wh(kwh);
        }
        return sum;
    }

    private static String key(JsonNode bill) {
        return bill.get("customerId").asText() + " " + bill.get("period").asText();
    }

    private static long fen(JsonNode amount) {
        return amount.decimalValue().movePointRight(2).longValueExact();
    }

    private static long wh(JsonNode kwh) {
        return kwh.decimalValue().movePointRight(3).setScale(0).longValueExact();
    }
}
