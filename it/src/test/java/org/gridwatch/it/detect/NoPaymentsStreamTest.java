package org.gridwatch.it.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridwatch.it.Fleets;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.simulator.PayerMix;
import org.gridwatch.simulator.SimulationConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay folder without payments.jsonl: the same fleet's bills, but no bill is followed after it
 * is issued, since nothing could be seen paid. Before, every bill aged unpaid, every customer fell
 * to grade C and had an ARREARS alert (35 of 35 real households replayed from meter data alone).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoPaymentsStreamTest {
    @TempDir static Path dir;
    private Path withPayments;
    private Path without;

    @BeforeAll
    void replayWithAndWithoutPayments() throws Exception {
        Path fleet = dir.resolve("fleet");
        // a fifth who never pay, so that the replay with payments has arrears to alert
        Fleets.simulateToFiles(
                SimulationConfig.of(40, 100, 11)
                        .withPayerMix(new PayerMix(0.1, 0.2, 0.1, 0.1, 0, 0)),
                fleet);
        Path meterDataOnly = dir.resolve("meter-data-only");
        Files.createDirectories(meterDataOnly);
        for (Path f : Files.list(fleet).toList()) {
            if (!f.getFileName().toString().equals("payments.jsonl")) {
                Files.copy(f, meterDataOnly.resolve(f.getFileName()));
            }
        }
        withPayments = dir.resolve("out-with");
        without = dir.resolve("out-without");
        Fleets.monitor(new FileInputs(fleet), withPayments, null, null);
        Fleets.monitor(new FileInputs(meterDataOnly), without, null, null);
    }

    private static long arrears(Path out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long n = 0;
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            if ("ARREARS".equals(json.readTree(line).get("type").asText())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void billsAreTheSameButNoneIsFollowedIntoArrears() throws Exception {
        assertThat(arrears(withPayments)).isPositive(); // the fleet's late payers
        assertThat(arrears(without)).isZero();
        List<String> bills = Files.readAllLines(withPayments.resolve("bills.jsonl"));
        assertThat(bills).hasSize(40 * 3);
        assertThat(Files.readAllLines(without.resolve("bills.jsonl")))
                .containsExactlyInAnyOrderElementsOf(bills);
    }

    @Test
    void noCustomerIsMarkedDownForBillsItCouldNotBeSeenToPay() throws Exception {
        assertThat(Files.readString(withPayments.resolve("segments.jsonl")))
                .contains("UNPAID_BILL");
        List<String> segments = Files.readAllLines(without.resolve("segments.jsonl"));
        assertThat(segments).hasSize(40);
        assertThat(segments)
                .noneMatch(s -> s.contains("UNPAID_BILL") || s.contains("LATE_PAYMENT"));
    }
}
