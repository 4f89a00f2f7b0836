package org.gridwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.tariff.LoadedTariffs;
import org.gridwatch.jobs.MonitorSettings;

/**
 * A replay's customer master read for tariffs the tariff file does not have: such customers are not
 * billed and their energy shows as {@code UNPRICED} (docs/monitor.md), which the job does without a
 * word. Said once, before the job starts, so that a folder written with other tariff ids does not
 * replay to no bills and no segments unexplained.
 */
final class MasterTariffCheck {
    private MasterTariffCheck() {}

    /** The warning for {@code customers.jsonl} of a replay, or empty when every tariff is known. */
    static Optional<String> of(Path customersFile, MonitorSettings settings) throws IOException {
        LoadedTariffs tariffs = settings.pricing().tariffs();
        EventCodec codec = new EventCodec(settings.zone(), settings.limits());
        Map<String, Integer> unknown = new TreeMap<>();
        int customers = 0;
        try (BufferedReader lines =
                Files.newBufferedReader(customersFile, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (codec.parseCustomer(line) instanceof Parsed.Ok<Customer> ok) {
                    customers++;
                    if (tariffs.find(ok.value().tariffId()).isEmpty()) {
                        unknown.merge(ok.value().tariffId(), 1, Integer::sum);
                    }
                }
            }
        }
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        int count = unknown.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder named = new StringBuilder();
        unknown.forEach(
                (id, n) ->
                        named.append(named.isEmpty() ? "" : ", ")
                                .append(id)
                                .append(": ")
                                .append(n));
        return Optional.of(
                String.format(
                        "%,d of the %,d customers in %s name a tariff that %s does not have (%s):"
                                + " they are not billed, and their energy shows as UNPRICED; its"
                                + " tariffs are %s (--tariffs FILE gives others)",
                        count,
                        customers,
                        customersFile.getFileName(),
                        tariffs.fileName(),
                        named,
                        String.join(", ", tariffs.tariffs().keySet())));
    }
}
