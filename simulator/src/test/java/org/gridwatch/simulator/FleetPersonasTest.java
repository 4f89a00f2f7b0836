package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The personas the customer-value model must find: trends, theft history, large users. */
class FleetPersonasTest {
    private static final int CUSTOMERS = 2000;
    private static final int DAYS = 10;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static SimulationConfig config =
            SimulationConfig.of(CUSTOMERS, DAYS, 4).withFaults(FaultRates.NONE);
    static RecordingSink sink =
            new RecordingSink(EnumSet.of(Source.METER_READINGS, Source.AREA_READINGS));
    static List<JsonNode> customers = new ArrayList<>();
    static List<JsonNode> inspectionTruth = new ArrayList<>();
    static List<Inspection> inspections = new ArrayList<>();
    static long startMillis;
    static long endMillis;

    @BeforeAll
    static void simulate() throws Exception {
        new FleetSimulator(config).run(sink, Progress.NONE);
        for (String line : sink.truth) {
            JsonNode n = MAPPER.readTree(line);
            switch (n.get("type").asText()) {
                case "customer" -> customers.add(n);
                case "inspection" -> inspectionTruth.add(n);
                default -> {}
            }
        }
        EventCodec codec = new EventCodec();
        for (RecordingSink.Input in : sink.inputs) {
            if (in.source() == Source.INSPECTIONS) {
                Parsed<Inspection> p = codec.parseInspection(in.json());
                assertThat(p).as(in.json()).isInstanceOf(Parsed.Ok.class);
                inspections.add(((Parsed.Ok<Inspection>) p).value());
            }
        }
        ZoneId zone = config.zone();
        startMillis = config.start().atStartOfDay(zone).toInstant().toEpochMilli();
        endMillis = config.start().plusDays(DAYS).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    @Test
    void drawsTheTrendPersonasInTheirSharesAndGrowthRanges() {
        Map<Trend, Integer> counts = new EnumMap<>(Trend.class);
        for (JsonNode c : customers) {
            Trend trend = Trend.valueOf(c.get("trend").asText());
            counts.merge(trend, 1, Integer::sum);
            assertThat(c.get("growth").asDouble())
                    .as(c.toString())
                    .isBetween(trend.minGrowth(), trend.maxGrowth());
        }
        assertThat(customers).hasSize(CUSTOMERS);
        // Binomial: 200 ± 13 growing and 100 ± 10 declining expected; three σ either way.
        assertThat(counts.get(Trend.GROWING) / (double) CUSTOMERS).isCloseTo(0.10, within(0.02));
        assertThat(counts.get(Trend.DECLINING) / (double) CUSTOMERS).isCloseTo(0.05, within(0.015));
        assertThat(counts.get(Trend.STEADY) / (double) CUSTOMERS).isCloseTo(0.85, within(0.025));
    }

    @Test
    void writesTheGrowthRateWithThreeDecimals() {
        assertThat(sink.truth)
                .filteredOn(t -> t.contains("\"type\":\"customer\""))
                .allMatch(t -> t.matches(".*\"growth\":-?\\d+\\.\\d{3},.*"), "three decimals");
    }

    @Test
    void confirmsTheftForAboutTwoPercentOfCustomersInTheFirstHalfOfTheRun() {
        long theft = customers.stream().filter(c -> c.get("theft").asBoolean()).count();
        // 40 ± 6 expected.
        assertThat(theft / (double) CUSTOMERS).isCloseTo(0.02, within(0.009));
        List<String> theftCustomers = new ArrayList<>();
        for (JsonNode c : customers) {
            if (c.get("theft").asBoolean()) {
                theftCustomers.add(c.get("customerId").asText());
            }
        }
        List<String> confirmed = new ArrayList<>();
        for (Inspection i : inspections) {
            if (i.outcome() == InspectionOutcome.CONFIRMED_THEFT) {
                confirmed.add(i.customerId());
            }
        }
        assertThat(confirmed).containsExactlyInAnyOrderElementsOf(theftCustomers);
    }

    @Test
    void inspectsAboutThreePercentOfTheOthersWithoutFindingTheft() {
        long others =
                inspections.stream()
                        .filter(i -> i.outcome() != InspectionOutcome.CONFIRMED_THEFT)
                        .count();
        // 3% of the 98% without theft: 59 ± 8 expected.
        assertThat(others / (double) CUSTOMERS).isCloseTo(0.0294, within(0.012));
        assertThat(inspections)
                .anyMatch(i -> i.outcome() == InspectionOutcome.METER_FAULT)
                .anyMatch(i -> i.outcome() == InspectionOutcome.NO_FINDING);
    }

    @Test
    void inspectsInWorkingHoursOnWorkdaysOfTheFirstHalfOfTheRun() {
        ZoneId zone = config.zone();
        long midpoint = startMillis + (endMillis - startMillis) / 2;
        for (Inspection i : inspections) {
            assertThat(i.tsMillis()).as(i.toString()).isBetween(startMillis, midpoint - 1);
            Instant ts = Instant.ofEpochMilli(i.tsMillis());
            LocalTime time = LocalTime.ofInstant(ts, zone);
            assertThat(time).as(i.toString()).isBetween(LocalTime.of(9, 0), LocalTime.of(16, 59));
            assertThat(ClassProfile.isWeekend(LocalDate.ofInstant(ts, zone))).isFalse();
            assertThat(i.alertId()).isEqualTo("SIM-" + i.customerId() + "-1");
        }
    }

    @Test
    void writesOneTruthLinePerInspectionSentInEventTimeOrder() {
        assertThat(inspectionTruth).hasSameSizeAs(inspections).isNotEmpty();
        for (int k = 0; k < inspections.size(); k++) {
            Inspection i = inspections.get(k);
            JsonNode t = inspectionTruth.get(k);
            assertThat(t.get("customerId").asText()).isEqualTo(i.customerId());
            assertThat(t.get("outcome").asText()).isEqualTo(i.outcome().name());
            assertThat(OffsetDateTime.parse(t.get("ts").asText()).toInstant().toEpochMilli())
                    .isEqualTo(i.tsMillis());
        }
        assertThat(inspections).isSortedAccordingTo(Comparator.comparingLong(Inspection::tsMillis));
        assertThat(sink.truth)
                .filteredOn(t -> t.contains("\"type\":\"totals\""))
                .singleElement()
                .asString()
                .contains("\"inspections\":" + inspections.size() + ",");
    }

    @Test
    void marksTheTopFifthByExpectedRevenueAsLargeUsers() {
        List<JsonNode> byRevenue = new ArrayList<>(customers);
        byRevenue.sort(
                Comparator.comparingDouble((JsonNode c) -> -c.get("expectedYearCny").asDouble())
                        .thenComparing(c -> c.get("customerId").asText()));
        int large = (int) Math.ceil(CUSTOMERS * 0.2);
        for (int k = 0; k < byRevenue.size(); k++) {
            assertThat(byRevenue.get(k).get("large").asBoolean())
                    .as(byRevenue.get(k).toString())
                    .isEqualTo(k < large);
        }
    }

    @Test
    void marksExactlyTheRoundedUpFifthOfASmallFleet() throws Exception {
        RecordingSink small = new RecordingSink();
        new FleetSimulator(SimulationConfig.of(7, 1, 3)).run(small, Progress.NONE);
        assertThat(small.truth)
                .filteredOn(t -> t.contains("\"large\":true"))
                .hasSize(2); // ceil(1.4)
    }

    @Test
    void expectsAYearOfTheCustomersUseAtTheClassAveragePrice() {
        Map<String, Double> price = new HashMap<>();
        for (CustomerClass c : CustomerClass.values()) {
            price.put(c.name(), ClassProfiles.of(c).priceCnyPerKwh());
        }
        for (JsonNode c : customers) {
            double expected =
                    c.get("kwhPerDay").asDouble() * 365 * price.get(c.get("class").asText());
            // The truth's kwhPerDay is rounded to the Wh; the revenue is of the unrounded size.
            assertThat(c.get("expectedYearCny").asDouble())
                    .as(c.toString())
                    .isCloseTo(expected, within(0.01 + 0.0005 * 365 * 0.8));
        }
    }
}
