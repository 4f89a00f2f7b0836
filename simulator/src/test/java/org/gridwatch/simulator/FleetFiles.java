package org.gridwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.gridwatch.core.codec.EventCodec;
import org.gridwatch.core.codec.Parsed;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;

/** A simulation written to a folder and read back the way a consumer would: with EventCodec. */
final class FleetFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final SimulationSummary summary;
    final List<Customer> customers;
    final List<MeterReading> readings;
    final List<AreaReading> areaReadings;
    final List<Payment> payments;
    final List<JsonNode> truth;

    private FleetFiles(SimulationSummary summary, Path dir) throws IOException {
        this.summary = summary;
        EventCodec codec = new EventCodec();
        customers = parse(dir.resolve("customers.jsonl"), codec::parseCustomer);
        readings = parse(dir.resolve("readings.jsonl"), codec::parseReading);
        areaReadings = parse(dir.resolve("area-readings.jsonl"), codec::parseAreaReading);
        payments = parse(dir.resolve("payments.jsonl"), codec::parsePayment);
        truth = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("truth.jsonl"))) {
            truth.add(MAPPER.readTree(line));
        }
    }

    static FleetFiles simulate(SimulationConfig config, Path dir) throws Exception {
        SimulationSummary summary;
        try (FileFleetSink sink = new FileFleetSink(dir)) {
            summary = new FleetSimulator(config).run(sink, Progress.NONE);
        }
        return new FleetFiles(summary, dir);
    }

    /** Parses every line, failing the test on the first that EventCodec rejects. */
    private static <T> List<T> parse(Path file, Function<String, Parsed<T>> parser)
            throws IOException {
        List<T> out = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file)) {
            lineNumber++;
            Parsed<T> p = parser.apply(line);
            assertThat(p)
                    .as("%s line %d: %s", file.getFileName(), lineNumber, line)
                    .isInstanceOf(Parsed.Ok.class);
            out.add(((Parsed.Ok<T>) p).value());
        }
        return out;
    }

    List<JsonNode> truth(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : truth) {
            if (n.get("type").asText().equals(type)) {
                out.add(n);
            }
        }
        return out;
    }

    long injected(DeliveryFault fault) {
        for (JsonNode n : truth("injected")) {
            if (n.get("fault").asText().equals(fault.name())) {
                return n.get("count").asLong();
            }
        }
        throw new AssertionError("no injected line for " + fault);
    }

    static long wh(double kwh) {
        return Math.round(kwh * 1000);
    }
}
