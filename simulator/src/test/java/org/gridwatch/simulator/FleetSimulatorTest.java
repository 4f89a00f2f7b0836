package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.simulator.FleetFiles.wh;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gridwatch.core.codec.EventTime;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One simulation over a month end and a weekend, with faults and outages far more frequent than the
 * defaults so that every kind occurs, read back from its files with EventCodec.
 */
class FleetSimulatorTest {
    private static final long QUARTER = 15 * 60_000L;
    private static final LocalDate START = LocalDate.of(2026, 1, 30);
    private static final int DAYS = 4;

    @TempDir static Path dir;
    static SimulationConfig config;
    static FleetFiles files;
    static Map<String, JsonNode> truthByMeter = new HashMap<>();
    static Map<String, Customer> customerByMeter = new HashMap<>();

    @BeforeAll
    static void simulate() throws Exception {
        config =
                SimulationConfig.of(600, DAYS, 7)
                        .withStart(START)
                        .withFaults(FaultRates.each(0.01, 360))
                        .withOutagesPerAreaYear(60)
                        .withPlannedOutagesPerAreaYear(60);
        files = FleetFiles.simulate(config, dir);
        for (JsonNode c : files.truth("customer")) {
            truthByMeter.put(c.get("meterId").asText(), c);
        }
        for (Customer c : files.customers) {
            customerByMeter.put(c.meterId(), c);
        }
    }

    private static long startMillis() {
        return START.atStartOfDay(EventTime.DEFAULT_ZONE).toInstant().toEpochMilli();
    }

    private static long endMillis() {
        return startMillis() + DAYS * 96 * QUARTER;
    }

    private static String key(MeterReading r) {
        return r.meterId() + "@" + r.endMillis();
    }

    /**
     * Whether the reading is in its meter's own interval; the others are its energy sent again in
     * other intervals (OVERLAPPING), which a monitor rejects.
     */
    private static boolean inOwnInterval(MeterReading r) {
        return r.intervalMinutes() == truthByMeter.get(r.meterId()).get("intervalMinutes").asInt();
    }

    @Test
    void writesEveryCustomerOnceWithEveryClassInItsMixAndTariff() {
        assertThat(files.customers).hasSize(600);
        assertThat(files.customers).extracting(Customer::customerId).doesNotHaveDuplicates();
        Map<CustomerClass, Integer> counts = new EnumMap<>(CustomerClass.class);
        for (Customer c : files.customers) {
            counts.merge(c.customerClass(), 1, Integer::sum);
            assertThat(c.tariffId()).isEqualTo(ClassProfiles.of(c.customerClass()).tariffId());
            assertThat(c.hasContractKw()).isTrue();
            assertThat(c.hasSince()).isTrue();
        }
        assertThat(counts.keySet()).isEqualTo(EnumSet.allOf(CustomerClass.class));
        int[] expected = ClassMix.RESIDENTIAL_HEAVY.counts(600);
        for (CustomerClass c : CustomerClass.values()) {
            assertThat(counts.get(c)).as("%s", c).isEqualTo(expected[c.ordinal()]);
        }
    }

    @Test
    void givesEachLargeIndustryCustomerAnAreaOfItsOwn() {
        Map<String, Integer> perArea = new HashMap<>();
        for (Customer c : files.customers) {
            perArea.merge(c.areaId(), 1, Integer::sum);
        }
        for (Customer c : files.customers) {
            if (c.customerClass() == CustomerClass.LARGE_INDUSTRY) {
                assertThat(perArea.get(c.areaId())).isEqualTo(1);
            } else {
                assertThat(perArea.get(c.areaId())).isBetween(90, 110);
            }
        }
    }

    @Test
    void letsAMinorityOfMetersReportEveryHalfHourOrHour() {
        Map<Integer, Integer> byInterval = new TreeMap<>();
        for (JsonNode c : files.truth("customer")) {
            byInterval.merge(c.get("intervalMinutes").asInt(), 1, Integer::sum);
        }
        assertThat(byInterval.keySet()).containsExactly(15, 30, 60);
        // 5% each of 594 eligible meters is ~30; a binomial draw stays well inside this.
        assertThat(byInterval.get(30)).isBetween(10, 55);
        assertThat(byInterval.get(60)).isBetween(10, 55);
    }

    @Test
    void reportsEveryIntervalOfEveryMeterAtItsEndUnlessTheReadingWentMissing() {
        Set<String> received = new HashSet<>();
        for (MeterReading r : files.readings) {
            int interval = r.intervalMinutes();
            assertThat((r.endMillis() - startMillis()) % (interval * 60_000L)).isZero();
            if (!inOwnInterval(r)) {
                continue;
            }
            assertThat(r.endMillis()).isGreaterThan(startMillis()).isLessThanOrEqualTo(endMillis());
            received.add(key(r));
        }
        Set<String> missing = new HashSet<>();
        for (JsonNode f : files.truth("fault")) {
            if (f.get("fault").asText().equals("MISSING")) {
                missing.add(
                        f.get("meterId").asText() + "@" + EventTime.parse(f.get("ts").asText()));
            }
        }
        long expected = 0;
        for (JsonNode c : files.truth("customer")) {
            long step = c.get("intervalMinutes").asInt() * 60_000L;
            for (long end = startMillis() + step; end <= endMillis(); end += step) {
                String k = c.get("meterId").asText() + "@" + end;
                assertThat(received.contains(k) ^ missing.contains(k)).as(k).isTrue();
                expected++;
            }
        }
        assertThat(files.summary.readings()).isEqualTo(expected);
    }

    @Test
    void recordsInTruthExactlyTheFaultsTheReadingsFileShows() {
        Map<String, MeterReading> first = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        Set<String> late = new HashSet<>();
        Set<String> overlapping = new HashSet<>();
        long latestTs = Long.MIN_VALUE;
        for (MeterReading r : files.readings) {
            if (!inOwnInterval(r)) {
                assertThat(overlapping.add(key(r) + "/" + r.intervalMinutes())).isTrue();
                continue;
            }
            MeterReading earlier = first.putIfAbsent(key(r), r);
            if (earlier != null) {
                assertThat(r).as("a duplicate is an identical copy").isEqualTo(earlier);
                assertThat(duplicates.add(key(r))).as("sent at most twice").isTrue();
            } else if (r.endMillis() < latestTs) {
                late.add(key(r));
                assertThat(latestTs - r.endMillis()).isLessThanOrEqualTo(360 * 60_000L);
            }
            latestTs = Math.max(latestTs, r.endMillis());
        }
        Map<String, Set<String>> inTruth = new HashMap<>();
        for (JsonNode f : files.truth("fault")) {
            if (f.has("areaId")) {
                continue;
            }
            String k = f.get("meterId").asText() + "@" + EventTime.parse(f.get("ts").asText());
            if (f.has("intervalMinutes")) {
                k += "/" + f.get("intervalMinutes").asInt();
            }
            inTruth.computeIfAbsent(f.get("fault").asText(), x -> new HashSet<>()).add(k);
        }
        assertThat(overlapping).isNotEmpty().isEqualTo(inTruth.get("OVERLAPPING"));
        assertThat(files.injected(DeliveryFault.OVERLAPPING)).isEqualTo(overlapping.size());
        assertThat(duplicates).isNotEmpty().isEqualTo(inTruth.get("DUPLICATE"));
        // A late reading of the last quarter hour comes after all others but cannot be seen to
        // be out of order: nothing with a later timestamp exists.
        Set<String> lateBeforeTheEnd = new HashSet<>();
        for (String k : inTruth.get("LATE")) {
            if (!k.endsWith("@" + endMillis())) {
                lateBeforeTheEnd.add(k);
            }
        }
        assertThat(late).isNotEmpty().isEqualTo(lateBeforeTheEnd);
        assertThat(inTruth.get("MISSING")).isNotEmpty().doesNotContainAnyElementsOf(first.keySet());
        assertThat(files.injected(DeliveryFault.DUPLICATE)).isEqualTo(duplicates.size());
        assertThat(files.injected(DeliveryFault.LATE)).isEqualTo(inTruth.get("LATE").size());
        assertThat(files.injected(DeliveryFault.MISSING))
                .isEqualTo(inTruth.get("MISSING").size())
                .isEqualTo(files.summary.readings() - first.size());
        assertThat(files.readings).hasSize((int) files.summary.readingLines());
    }

    @Test
    void recordsInTruthExactlyTheAreaReadingsSentTwiceOrAgainAsAnHour() {
        Set<String> first = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        Set<String> hours = new HashSet<>();
        for (AreaReading a : files.areaReadings) {
            String k = a.areaId() + "@" + a.endMillis() + "/" + a.intervalMinutes();
            if (a.intervalMinutes() == 60) {
                assertThat(hours.add(k)).isTrue();
                assertThat(first)
                        .as("sent after its last quarter hour")
                        .contains(a.areaId() + "@" + a.endMillis() + "/15");
            } else if (!first.add(k)) {
                assertThat(duplicates.add(k)).as("sent at most twice").isTrue();
            }
        }
        Map<String, Set<String>> inTruth = new HashMap<>();
        for (JsonNode f : files.truth("fault")) {
            if (f.has("areaId")) {
                String k =
                        f.get("areaId").asText()
                                + "@"
                                + EventTime.parse(f.get("ts").asText())
                                + "/"
                                + f.get("intervalMinutes").asInt();
                inTruth.computeIfAbsent(f.get("fault").asText(), x -> new HashSet<>()).add(k);
            }
        }
        assertThat(duplicates).isNotEmpty().isEqualTo(inTruth.get("AREA_DUPLICATE"));
        assertThat(hours).isNotEmpty().isEqualTo(inTruth.get("AREA_OVERLAPPING"));
        assertThat(files.injected(DeliveryFault.AREA_DUPLICATE)).isEqualTo(duplicates.size());
        assertThat(files.injected(DeliveryFault.AREA_OVERLAPPING)).isEqualTo(hours.size());
        assertThat(first).hasSize((int) files.summary.areaReadings());
        assertThat(files.areaReadings).hasSize((int) files.summary.areaReadingLines());
    }

    @Test
    void sendsTheSameEnergyAndRegisterAgainWhenItCutsAReadingIntoOtherIntervals() {
        Map<String, MeterReading> own = new HashMap<>();
        List<MeterReading> resent = new java.util.ArrayList<>();
        for (MeterReading r : files.readings) {
            if (inOwnInterval(r)) {
                own.putIfAbsent(key(r), r);
            } else {
                resent.add(r);
            }
        }
        // Per reading of the meter's own interval: the energy sent again within it, and the
        // register of the last record sent again at its end. An hour sent again by a quarter-hour
        // meter is compared with the quarter hours in it instead.
        Map<String, Long> againWh = new HashMap<>();
        Map<String, Long> ownWh = new HashMap<>();
        int compared = 0;
        for (MeterReading r : resent) {
            if (r.intervalMinutes() == 60) {
                long sum = 0;
                int found = 0;
                for (long end = r.endMillis(); end > r.startMillis(); end -= QUARTER) {
                    MeterReading q = own.get(r.meterId() + "@" + end);
                    if (q != null) {
                        sum += wh(q.kwh());
                        found++;
                    }
                }
                if (found == 4) {
                    assertThat(wh(r.kwh())).as("%s", r).isEqualTo(sum);
                    assertThat(r.registerKwh()).isEqualTo(own.get(key(r)).registerKwh());
                    compared++;
                }
            } else {
                long step = truthByMeter.get(r.meterId()).get("intervalMinutes").asInt() * 60_000L;
                long ownEnd = (Math.floorDiv(r.startMillis(), step) + 1) * step;
                String k = r.meterId() + "@" + ownEnd;
                againWh.merge(k, wh(r.kwh()), Long::sum);
                if (r.endMillis() == ownEnd && own.containsKey(k)) {
                    assertThat(r.registerKwh()).isEqualTo(own.get(k).registerKwh());
                    ownWh.put(k, wh(own.get(k).kwh()));
                }
            }
        }
        assertThat(againWh).containsAllEntriesOf(ownWh);
        assertThat(compared).isPositive();
        assertThat(ownWh).isNotEmpty();
    }

    @Test
    void keepsEachRegisterRisingByExactlyTheEnergyOfTheIntervalsBetween() {
        Map<String, TreeMap<Long, MeterReading>> byMeter = new HashMap<>();
        for (MeterReading r : files.readings) {
            if (!inOwnInterval(r)) {
                continue;
            }
            byMeter.computeIfAbsent(r.meterId(), m -> new TreeMap<>()).put(r.endMillis(), r);
        }
        int gaps = 0;
        for (TreeMap<Long, MeterReading> series : byMeter.values()) {
            MeterReading previous = null;
            for (MeterReading r : series.values()) {
                assertThat(r.hasRegister()).isTrue();
                if (previous != null) {
                    long rise = wh(r.registerKwh()) - wh(previous.registerKwh());
                    boolean contiguous = r.startMillis() == previous.endMillis();
                    if (contiguous) {
                        assertThat(rise).as("%s", r).isEqualTo(wh(r.kwh()));
                    } else {
                        gaps++;
                        assertThat(rise).as("%s", r).isGreaterThanOrEqualTo(wh(r.kwh()));
                    }
                }
                previous = r;
            }
        }
        assertThat(gaps).isPositive();
    }

    @Test
    void suppliesEachAreaAtLeastWhatItsMetersRecordInEveryHour() {
        Map<String, Long> metered = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (MeterReading r : files.readings) {
            if (inOwnInterval(r) && seen.add(key(r))) {
                String area = customerByMeter.get(r.meterId()).areaId();
                metered.merge(area + "@" + hourOf(r.endMillis()), wh(r.kwh()), Long::sum);
            }
        }
        Map<String, Long> supplied = new HashMap<>();
        Set<String> seenArea = new HashSet<>();
        for (AreaReading a : files.areaReadings) {
            if (a.intervalMinutes() != 15 || !seenArea.add(a.areaId() + "@" + a.endMillis())) {
                continue; // sent again
            }
            supplied.merge(a.areaId() + "@" + hourOf(a.endMillis()), wh(a.kwh()), Long::sum);
        }
        assertThat(supplied).hasSize(files.summary.areas() * DAYS * 24);
        for (Map.Entry<String, Long> e : metered.entrySet()) {
            assertThat(supplied.get(e.getKey()))
                    .as(e.getKey())
                    .isGreaterThanOrEqualTo(e.getValue());
        }
        for (JsonNode day : files.truth("area-day")) {
            double consumed = day.get("consumedKwh").asDouble();
            double ratio = day.get("suppliedKwh").asDouble() / consumed;
            // at the area's mean load the loss is its rate, 2–6% of the supply; the load loss,
            // ∝ the load squared, makes a day's share move with how peaky the day was (AreaSupply)
            assertThat(ratio).as("%s", day).isBetween(1 / (1 - 0.01), 1 / (1 - 0.12));
        }
    }

    /** The hour an interval belongs to: intervals end within (hour, hour + 60 min]. */
    private static long hourOf(long endMillis) {
        return (endMillis - 1) / 3_600_000L;
    }

    @Test
    void sumsEachAreaDayFromTheAcceptedReadingsByTheDateTheirIntervalStarts() {
        Map<String, Long> sums = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (MeterReading r : files.readings) {
            if (inOwnInterval(r) && seen.add(key(r))) {
                LocalDate date =
                        Instant.ofEpochMilli(r.startMillis())
                                .atZone(EventTime.DEFAULT_ZONE)
                                .toLocalDate();
                String area = customerByMeter.get(r.meterId()).areaId();
                sums.merge(area + " " + date, wh(r.kwh()), Long::sum);
            }
        }
        Map<String, Long> truth = new TreeMap<>();
        for (JsonNode day : files.truth("area-day")) {
            truth.put(
                    day.get("areaId").asText() + " " + day.get("date").asText(),
                    Math.round(day.get("kwh").decimalValue().movePointRight(3).doubleValue()));
        }
        assertThat(truth).hasSize(files.summary.areas() * DAYS).isEqualTo(sums);
    }

    @Test
    void cutsAnAreaDuringAnOutageAndFlagsItsBeginningAndEnd() {
        Map<String, List<long[]>> outages = new HashMap<>();
        for (JsonNode o : files.truth("outage")) {
            outages.computeIfAbsent(o.get("areaId").asText(), a -> new java.util.ArrayList<>())
                    .add(
                            new long[] {
                                EventTime.parse(o.get("from").asText()),
                                EventTime.parse(o.get("to").asText())
                            });
        }
        assertThat(outages).isNotEmpty();
        for (AreaReading a : files.areaReadings) {
            for (long[] o : outages.getOrDefault(a.areaId(), List.of())) {
                if (a.startMillis() >= o[0] && a.endMillis() <= o[1]) {
                    assertThat(a.kwh()).as("%s", a).isZero();
                }
            }
        }
        int flagged = 0;
        for (MeterReading r : files.readings) {
            boolean off = false;
            boolean on = false;
            for (long[] o :
                    outages.getOrDefault(customerByMeter.get(r.meterId()).areaId(), List.of())) {
                if (r.startMillis() >= o[0] && r.endMillis() <= o[1]) {
                    assertThat(r.kwh()).as("%s", r).isZero();
                }
                off |= r.startMillis() <= o[0] && o[0] < r.endMillis();
                on |= r.startMillis() <= o[1] && o[1] < r.endMillis();
            }
            assertThat(MeterEvent.isSet(r.events(), MeterEvent.POWER_OFF))
                    .as("%s", r)
                    .isEqualTo(off);
            assertThat(MeterEvent.isSet(r.events(), MeterEvent.POWER_ON)).as("%s", r).isEqualTo(on);
            flagged += off ? 1 : 0;
        }
        assertThat(flagged).isPositive();
    }

    @Test
    void plannedOutagesAreOnWorkdayMorningsFor2To6HoursAnnouncedAWeekAheadWithTheirCustomers() {
        Map<String, Integer> customersOfArea = new HashMap<>();
        for (JsonNode a : files.truth("area")) {
            customersOfArea.put(a.get("areaId").asText(), a.get("customers").asInt());
        }
        int planned = 0;
        int unplanned = 0;
        for (JsonNode o : files.truth("outage")) {
            String area = o.get("areaId").asText();
            assertThat(o.get("customers").asInt()).as("%s", o).isEqualTo(customersOfArea.get(area));
            if (!o.get("planned").asBoolean()) {
                unplanned++;
                assertThat(o.has("announced")).isFalse();
                continue;
            }
            planned++;
            java.time.ZonedDateTime from =
                    java.time.Instant.ofEpochMilli(EventTime.parse(o.get("from").asText()))
                            .atZone(EventTime.DEFAULT_ZONE);
            long minutes =
                    (EventTime.parse(o.get("to").asText()) - from.toInstant().toEpochMilli())
                            / 60_000L;
            assertThat(ClassProfile.isWeekend(from.toLocalDate())).as("%s", o).isFalse();
            assertThat(from.getHour() * 60 + from.getMinute()).as("%s", o).isBetween(480, 720);
            assertThat(minutes).as("%s", o).isBetween(120L, 360L);
            assertThat(EventTime.parse(o.get("announced").asText()))
                    .isEqualTo(from.toInstant().toEpochMilli() - 7 * 86_400_000L);
        }
        assertThat(planned).isPositive();
        assertThat(unplanned).isPositive();
    }

    @Test
    void plannedOutagesLeaveEveryOtherRandomDrawAsItWas() throws Exception {
        // The same seed without planned work: the unplanned outages are the same, and so is every
        // reading of an area that had no planned outage.
        SimulationConfig none = config.withPlannedOutagesPerAreaYear(0);
        FleetFiles without = FleetFiles.simulate(none, dir.resolve("without-planned"));
        List<String> unplanned = new java.util.ArrayList<>();
        java.util.Set<String> plannedAreas = new java.util.HashSet<>();
        for (JsonNode o : files.truth("outage")) {
            if (o.get("planned").asBoolean()) {
                plannedAreas.add(o.get("areaId").asText());
            } else {
                unplanned.add(o.toString());
            }
        }
        assertThat(without.truth("outage").stream().map(JsonNode::toString).toList())
                .isEqualTo(unplanned);
        List<MeterReading> elsewhere =
                files.readings.stream()
                        .filter(
                                r ->
                                        !plannedAreas.contains(
                                                customerByMeter.get(r.meterId()).areaId()))
                        .toList();
        List<MeterReading> elsewhereWithout =
                without.readings.stream()
                        .filter(
                                r ->
                                        !plannedAreas.contains(
                                                customerByMeter.get(r.meterId()).areaId()))
                        .toList();
        assertThat(elsewhereWithout).isEqualTo(elsewhere);
    }
}
