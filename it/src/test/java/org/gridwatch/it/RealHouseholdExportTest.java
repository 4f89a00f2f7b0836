package org.gridwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.gridwatch.jobs.io.FileInputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real households as an export gives them, through the real job: four households of the SGSC trial
 * (core's test resource households/, its README has the licence), 1 January to 9 March 2013,
 * written the way a data export writes them — one household's half hours after the other's, each
 * stamped with the trial's own times (three of the four at :25 and :55, one on the half hour) as
 * the end of its half hour, in Sydney's offset. Before the replay read such files in event-time
 * order and counted a stamp a few minutes off the boundary for its nearest interval, the job
 * rejected 97% of these readings (MISALIGNED_TIMESTAMP, and TOO_LATE for every household after the
 * first). The expected bills come from the CSV itself, summed here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealHouseholdExportTest {
    private static final Path HOUSEHOLDS =
            Path.of("../core/src/test/resources/households/sgsc-35-households-2013.csv.gz");
    private static final Set<String> CHOSEN =
            Set.of("10006414", "10006572", "10006684", "10006694");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final LocalDateTime END = LocalDateTime.parse("2013-03-10T00:00:00");

    @TempDir static Path dir;
    private Path out;
    private long readings;
    private final List<String> notices = new ArrayList<>();

    /** kWh per household and month of the half hour, from the CSV: the independent expectation. */
    private final Map<String, Map<String, Double>> csvKwh = new TreeMap<>();

    @BeforeAll
    void replayTheExport() throws Exception {
        Path export = dir.resolve("export");
        Files.createDirectories(export);
        Set<String> ids = new LinkedHashSet<>();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(HOUSEHOLDS)),
                                StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                LocalDateTime t = LocalDateTime.parse(f[1]);
                if (!CHOSEN.contains(f[0]) || !t.isBefore(END)) {
                    continue;
                }
                ids.add(f[0]);
                String ts = t.plusMinutes(30).atZone(SYDNEY).toOffsetDateTime().toString();
                lines.add(
                        "{\"meterId\":\"M"
                                + f[0]
                                + "\",\"ts\":\""
                                + ts
                                + "\",\"intervalMinutes\":30,\"kwh\":"
                                + f[2]
                                + "}");
                // the half hour it is counted for: the one starting at the nearest :00 or :30
                int minutes = t.getMinute() + (t.getSecond() > 0 ? 1 : 0);
                LocalDateTime start =
                        t.withMinute(0).withSecond(0).plusMinutes(30L * Math.round(minutes / 30.0));
                csvKwh.computeIfAbsent("C" + f[0], k -> new TreeMap<>())
                        .merge(
                                start.toLocalDate().toString().substring(0, 7),
                                Double.parseDouble(f[2]),
                                Double::sum);
            }
        }
        readings = lines.size();
        Files.write(export.resolve("readings.jsonl"), lines);
        List<String> customers = new ArrayList<>();
        for (String id : ids) {
            customers.add(
                    "{\"customerId\":\"C"
                            + id
                            + "\",\"meterId\":\"M"
                            + id
                            + "\",\"class\":\"RESIDENTIAL\",\"areaId\":\"A1\","
                            + "\"tariffId\":\"residential-tiered\",\"prepaid\":false}");
        }
        Files.write(export.resolve("customers.jsonl"), customers);
        out = dir.resolve("out");
        Fleets.monitor(
                new FileInputs(export).withNotices(notices::add), out, s -> s.withZone(SYDNEY));
    }

    @Test
    void everyReadingIsTakenInEventTimeOrder() throws Exception {
        assertThat(readings).isEqualTo(4 * 68 * 48);
        assertThat(Files.readAllLines(out.resolve("rejected.jsonl"))).isEmpty();
        assertThat(notices)
                .anyMatch(
                        n ->
                                n.startsWith(
                                        String.format(
                                                "readings.jsonl: %,d lines sorted by event time",
                                                readings)));
    }

    @Test
    void januaryAndFebruaryAreBilledAsTheCsvSums() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int bills = 0;
        for (String line : Files.readAllLines(out.resolve("bills.jsonl"))) {
            JsonNode bill = json.readTree(line);
            String customer = bill.get("customerId").asText();
            String period = bill.get("period").asText();
            double kwh = 0;
            for (JsonNode v : bill.get("kwh")) {
                kwh += v.asDouble();
            }
            assertThat(kwh)
                    .as(customer + " " + period)
                    .isCloseTo(csvKwh.get(customer).get(period), within(0.0005));
            assertThat(bill.get("estimatedKwh").asDouble()).isZero();
            bills++;
        }
        assertThat(bills).isEqualTo(8); // four households, January and February; March is open
    }
}
