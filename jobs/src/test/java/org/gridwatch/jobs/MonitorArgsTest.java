package org.gridwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridwatch.jobs.Fixtures.at;
import static org.gridwatch.jobs.Fixtures.reading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.metric.MetricPoint;
import org.gridwatch.jobs.influx.InfluxSettings;
import org.gridwatch.jobs.io.CollectingOutputs;
import org.gridwatch.jobs.io.FileInputs;
import org.gridwatch.jobs.io.ReplayOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The arguments of {@code flink run ... MonitorJob}, as a cluster deployment gives them. */
class MonitorArgsTest {

    /** Peak all day, except on holidays: valley all day. */
    private static final String TARIFFS =
            """
            tariffs:
              - id: test-tou
                source: "a test tariff: peak, but valley on holidays"
                sector: residential
                days:
                  work: ["00:00-24:00 peak"]
                  rest: ["00:00-24:00 valley"]
                schedule:
                  - {months: all, day-types: all, day: work}
                  - {months: all, day-types: [holiday], day: rest}
                prices:
                  peak: 1.00
                  valley: 0.25
            """;

    /** Thursday 2026-01-15 is a holiday here only; the shipped calendar has it as a workday. */
    private static final String HOLIDAYS =
            """
            source: a test calendar
            holidays: ["2026-01-15"]
            """;

    @TempDir Path dir;

    @Test
    @Timeout(120)
    void aJobBuiltWithTariffsAndHolidaysPricesWithThemAfterTheFilesAreGone() throws Exception {
        Path input = Files.createDirectory(dir.resolve("input"));
        EventJson json = new EventJson();
        Files.write(
                input.resolve("customers.jsonl"),
                List.of(
                        json.customer(
                                new Customer(
                                        "C1",
                                        "M1",
                                        CustomerClass.RESIDENTIAL,
                                        "A001",
                                        "test-tou",
                                        false,
                                        8.0,
                                        Customer.UNKNOWN_SINCE))));
        Files.write(
                input.resolve("readings.jsonl"),
                List.of(
                        json.reading(reading("M1", "2026-01-15T10:15", 15, 2.0)),
                        json.reading(reading("M1", "2026-01-16T10:15", 15, 2.0))));
        Path tariffs = Files.writeString(dir.resolve("tariffs.yaml"), TARIFFS);
        Path holidays = Files.writeString(dir.resolve("holidays.yaml"), HOLIDAYS);
        Path model =
                Files.writeString(
                        dir.resolve("model.yaml"), "value:\n  peak-hours-tariff: test-tou\n");

        MonitorArgs args =
                MonitorArgs.parse(
                        new String[] {
                            "--input", input.toString(),
                            "--tariffs", tariffs.toString(),
                            "--holidays", holidays.toString(),
                            "--value-model", model.toString()
                        },
                        Map.of());
        // As on a cluster, where the TaskManagers never had the client's files.
        Files.delete(tariffs);
        Files.delete(holidays);
        Files.delete(model);
        CollectingOutputs outputs = new CollectingOutputs();
        // A local cluster runs the job as a cluster does: the operators reach their tasks
        // serialized, and open() where they run.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        new MonitorJob(args.inputs(), outputs, args.settings()).execute(env);

        Map<Long, String> periods =
                outputs.metrics().stream()
                        .filter(p -> p.measurement().equals("tou"))
                        .collect(
                                Collectors.toMap(
                                        MetricPoint::timeMillis,
                                        p -> p.tag("period") + " " + p.field("revenue")));
        // 2 kWh of 10:00-10:15: on the holiday at the valley price, the next day at the peak price
        assertThat(periods)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                at("2026-01-15T10:00"), "VALLEY 0.5",
                                at("2026-01-16T10:00"), "PEAK 2.0"));
    }

    @Test
    void namesTheMissingTariffFileInOneLine() {
        Path missing = dir.resolve("nowhere.yaml");

        assertThatThrownBy(() -> parse("--tariffs", missing.toString()))
                .hasMessage("--tariffs: " + missing + ": no such file");
    }

    @Test
    void listsEveryProblemOfATariffFileOnOneLine() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("bad.yaml"),
                        TARIFFS.replace("peak: 1.00", "peak: -1")
                                .replace("sector: residential", "sector: homes"));

        assertThatThrownBy(() -> parse("--tariffs", file.toString()))
                .hasMessageStartingWith("--tariffs: " + file + ": tariff 'test-tou': ")
                .hasMessageContaining("sector must be")
                .hasMessageContaining("negative price")
                .hasMessageNotContaining("\n");
    }

    @Test
    void namesTheHolidayFileAndItsProblemInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("cal.yaml"), "holidays: [\"2026-13-01\"]\n");

        assertThatThrownBy(() -> parse("--holidays", file.toString()))
                .hasMessageStartingWith(
                        "--holidays: " + file + ": holidays: cannot read '2026-13-01'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void takesTheInfluxPasswordFromTheEnvironmentWhenNoOptionGivesIt() throws Exception {
        Map<String, String> environment = Map.of("GRIDWATCH_INFLUX_PASSWORD", "from-env");

        InfluxSettings fromEnvironment = influx(environment, "--influx-user", "writer");
        InfluxSettings fromOption =
                influx(environment, "--influx-user", "writer", "--influx-password", "typed");
        InfluxSettings token = influx(environment, "--influx-token", "tok");
        InfluxSettings none = influx(Map.of());

        assertThat(fromEnvironment.user()).isEqualTo("writer");
        assertThat(fromEnvironment.password()).isEqualTo("from-env");
        assertThat(fromOption.password()).isEqualTo("typed");
        assertThat(token.user()).isEqualTo("gridwatch");
        assertThat(token.password()).isEqualTo("tok");
        assertThat(none.user()).isNull();
        assertThat(none.password()).isNull();
    }

    @Test
    void readsTheKafkaClientSettingsOnTheClientForAJobOnKafka() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("client.properties"),
                        "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");

        MonitorArgs args =
                MonitorArgs.parse(
                        new String[] {
                            "--kafka", "kafka-1:9093", "--kafka-properties", file.toString()
                        },
                        Map.of());
        Files.delete(file);

        assertThat(args.kafkaProperties().asMap())
                .isEqualTo(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
    }

    @Test
    void refusesKafkaClientSettingsForAReplayOfFiles() throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SSL\n");

        assertThatThrownBy(() -> parse("--kafka-properties", file.toString()))
                .hasMessage("--kafka-properties applies to --kafka only");
    }

    @Test
    void writesTheScoreHistoryBesideTheReplaysFilesOnly() throws Exception {
        assertThat(parse("--out", dir.resolve("out").toString(), "--score-history").scoreHistory())
                .isTrue();
        assertThat(parse("--out", dir.resolve("out").toString()).scoreHistory()).isFalse();
        assertThatThrownBy(() -> parse("--score-history"))
                .hasMessage("--score-history applies to --out only");
    }

    @Test
    void leavesTheStateBackendToTheClusterUnlessOneIsChosen() throws Exception {
        MonitorArgs unset = parse();
        assertThat(unset.settings().stateBackend()).isNull();
        StreamExecutionEnvironment env = new StreamExecutionEnvironment();
        new MonitorJob(unset.inputs(), unset.outputs(), unset.settings()).build(env);
        assertThat(env.getConfiguration().getOptional(StateBackendOptions.STATE_BACKEND)).isEmpty();
        assertThat(env.getConfiguration().getOptional(CheckpointingOptions.INCREMENTAL_CHECKPOINTS))
                .isEmpty();
    }

    @Test
    void rocksDbCheckpointsIncrementally() throws Exception {
        MonitorArgs rocks = parse("--state-backend", "rocksdb");
        StreamExecutionEnvironment env = new StreamExecutionEnvironment();
        new MonitorJob(rocks.inputs(), rocks.outputs(), rocks.settings()).build(env);
        assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND))
                .isEqualTo("rocksdb");
        assertThat(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS))
                .isTrue();
        // RocksDB's own option (the backend's library), which the job names by its key
        assertThat(env.getConfiguration().get(RocksDBConfigurableOptions.USE_BLOOM_FILTER))
                .isTrue();

        MonitorArgs heap = parse("--state-backend", "hashmap");
        env = new StreamExecutionEnvironment();
        new MonitorJob(heap.inputs(), heap.outputs(), heap.settings()).build(env);
        assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND))
                .isEqualTo("hashmap");
        assertThat(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS))
                .isFalse();
        assertThat(env.getConfiguration().getOptional(RocksDBConfigurableOptions.USE_BLOOM_FILTER))
                .isEmpty();
    }

    @Test
    void aReplayReadsItsFilesAsWrittenUnlessTheyAreNotAnArrivalLog() throws Exception {
        assertThat(parse().settings().replayOrder()).isEqualTo(ReplayOrder.AUTO);
        assertThat(parse("--replay-order", "TIME").settings().replayOrder())
                .isEqualTo(ReplayOrder.TIME);
        assertThat(parse("--replay-order", "file").settings().replayOrder())
                .isEqualTo(ReplayOrder.FILE);
        assertThatThrownBy(() -> parse("--replay-order", "sorted"))
                .hasMessage("--replay-order sorted is not one of auto, file, time");
        assertThatThrownBy(
                        () ->
                                MonitorArgs.parse(
                                        new String[] {
                                            "--kafka", "kafka-1:9093", "--replay-order", "time"
                                        },
                                        Map.of()))
                .hasMessage("--replay-order applies to --input only");
    }

    @Test
    void theSortedCopyIsWrittenBesideTheFilesAndKeptUntilItsSourceChanges() throws Exception {
        MonitorArgs args = parse("--replay-order", "time");
        Path readings = dir.resolve("input").resolve("readings.jsonl");
        Files.writeString(readings, readingAt("00:30") + readingAt("00:15"));
        List<String> notices = new ArrayList<>();

        new MonitorJob(args.inputs(notices::add), args.outputs(), args.settings())
                .build(new StreamExecutionEnvironment());
        Path copy =
                dir.resolve("input").resolve(FileInputs.SORTED_COPIES).resolve("readings.jsonl");
        assertThat(Files.readAllLines(copy))
                .extracting(line -> line.replaceAll(".*\"ts\":\"([^\"]+)\".*", "$1"))
                .containsExactly("2026-01-01T00:15:00+08:00", "2026-01-01T00:30:00+08:00");
        assertThat(notices).singleElement().asString().contains("2 lines sorted by event time");

        // built again (a restart): the same copy, not sorted again
        new MonitorJob(args.inputs(notices::add), args.outputs(), args.settings())
                .build(new StreamExecutionEnvironment());
        assertThat(notices.get(1))
                .isEqualTo(
                        "readings.jsonl: replaying its event-time-ordered copy "
                                + copy
                                + ", made before");

        // the source changed: sorted again
        Files.writeString(readings, readingAt("00:45") + readingAt("00:15") + readingAt("00:30"));
        new MonitorJob(args.inputs(notices::add), args.outputs(), args.settings())
                .build(new StreamExecutionEnvironment());
        assertThat(notices.get(2)).contains("3 lines sorted by event time");
        assertThat(Files.readAllLines(copy)).hasSize(3);
    }

    private static String readingAt(String time) {
        return "{\"meterId\":\"M1\",\"ts\":\"2026-01-01T"
                + time
                + ":00+08:00\",\"intervalMinutes\":15,\"kwh\":1}\n";
    }

    @Test
    void opensTheftAlertsAtTheScoreGivenOrAtOneHalf() throws Exception {
        assertThat(parse().settings().theftAlertScore()).isEqualTo(0.5);
        assertThat(parse("--theft-alert-score", "0.9").settings().theftAlertScore()).isEqualTo(0.9);
        for (String bad : new String[] {"1", "0", "-0.2", "90%", "NaN"}) {
            assertThatThrownBy(() -> parse("--theft-alert-score", bad))
                    .as(bad)
                    .hasMessage(
                            "--theft-alert-score "
                                    + bad
                                    + " is not a theft score: give a number above 0 and below 1,"
                                    + " e.g. 0.8 (default 0.5)");
        }
    }

    @Test
    void refusesAnUnknownStateBackend() {
        assertThatThrownBy(() -> parse("--state-backend", "rocks"))
                .hasMessage("--state-backend is hashmap or rocksdb, not 'rocks'");
    }

    @Test
    void refusesInfluxCredentialsWithoutAnInfluxUrl() {
        assertThatThrownBy(() -> parse("--influx-password", "p"))
                .hasMessage("--influx-user, --influx-password and --influx-token go with --influx");
    }

    private MonitorArgs parse(String... options) throws Exception {
        Path input = dir.resolve("input");
        if (!Files.isDirectory(input)) {
            Files.createDirectory(input);
            Files.writeString(input.resolve("customers.jsonl"), "");
            Files.writeString(input.resolve("readings.jsonl"), "");
        }
        String[] args = new String[options.length + 2];
        args[0] = "--input";
        args[1] = input.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return MonitorArgs.parse(args, Map.of());
    }

    private InfluxSettings influx(Map<String, String> environment, String... options)
            throws Exception {
        parse(); // creates the input folder
        String[] args = new String[options.length + 4];
        args[0] = "--input";
        args[1] = dir.resolve("input").toString();
        args[2] = "--influx";
        args[3] = "http://localhost:8086";
        System.arraycopy(options, 0, args, 4, options.length);
        return MonitorArgs.parse(args, environment).influx();
    }
}
