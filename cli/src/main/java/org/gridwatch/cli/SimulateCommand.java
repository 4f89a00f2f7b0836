package org.gridwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gridwatch.core.kafka.KafkaClientProperties;
import org.gridwatch.simulator.ConsoleProgress;
import org.gridwatch.simulator.FaultRates;
import org.gridwatch.simulator.FileFleetSink;
import org.gridwatch.simulator.FleetSimulator;
import org.gridwatch.simulator.FleetSink;
import org.gridwatch.simulator.KafkaFleetSink;
import org.gridwatch.simulator.PayerMix;
import org.gridwatch.simulator.Progress;
import org.gridwatch.simulator.SimulationConfig;
import org.gridwatch.simulator.SimulationSummary;
import org.gridwatch.simulator.TheftMix;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gridwatch simulate}: a synthetic fleet to files or to Kafka (see docs/simulator.md). */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Simulates the customers of a Chinese power utility and writes what its systems would"
                    + " see: the customer master, 15-minute meter readings (some meters every 30"
                    + " or 60 minutes), transformer-area supply, payments, inspection outcomes,"
                    + " and the ground truth (personas, injected faults, daily area totals) in"
                    + " truth.jsonl.",
            "The same options and seed give the same records, byte for byte.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  gridwatch simulate --customers 10000 --days 31 --seed 7 --out runs/jan",
            "  gridwatch simulate --customers 2000 --days 7 --speed 3600 --kafka kafka:9092"
        })
public final class SimulateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--customers",
            required = true,
            paramLabel = "N",
            description = "Number of customers, each with one meter (1..9999999).")
    int customers;

    @Option(
            names = "--days",
            required = true,
            paramLabel = "D",
            description = "Number of days to simulate, from 00:00 of the start date.")
    int days;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(
                names = "--out",
                required = true,
                paramLabel = "DIR",
                description =
                        "Write customers.jsonl, readings.jsonl, area-readings.jsonl,"
                                + " payments.jsonl, inspections.jsonl and truth.jsonl to this"
                                + " folder (replaced).")
        Path out;

        @Option(
                names = "--kafka",
                required = true,
                paramLabel = "HOST:PORT",
                description =
                        "Send to the topics customers, meter-readings, area-readings and"
                                + " payments on this Kafka broker.")
        String kafka;
    }

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "With --kafka: Kafka client settings (security.protocol, sasl.*, ssl.*) from"
                            + " this Java properties file; see docs/operations.md.")
    Path kafkaProperties;

    @Option(
            names = "--start",
            paramLabel = "DATE",
            description = "First simulated day, yyyy-MM-dd (default: 2026-01-01, Asia/Shanghai).")
    String start;

    @Option(
            names = "--areas",
            paramLabel = "N",
            description =
                    "Number of public transformer areas (default: one per 100 customers);"
                            + " each large-industry customer gets an area of its own.")
    Integer areas;

    @Option(
            names = "--faults",
            defaultValue = "default",
            paramLabel = "none|default|SHARE",
            description =
                    "Delivery faults of the head-end: 'default' duplicates, loses and delays"
                            + " 0.2%% of readings each; 'none' delivers every reading once, on"
                            + " time; a share up to 0.25 (e.g. 0.02) makes each kind of fault"
                            + " that common instead, to stress the monitor (default:"
                            + " ${DEFAULT-VALUE}).")
    String faults;

    @Option(
            names = "--speed",
            defaultValue = "0",
            paramLabel = "X",
            description =
                    "Simulated seconds per wall-clock second, e.g. 3600 plays an hour a second;"
                            + " 0 runs as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(
            names = "--truth",
            paramLabel = "FILE",
            description = "With --kafka: also write the ground truth to this file.")
    Path truth;

    @Option(
            names = "--partitions",
            defaultValue = "1",
            paramLabel = "P",
            description =
                    "With --kafka: partitions of the topics the simulator has to create"
                            + " (existing topics are used as they are; default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--no-opening-bill",
            description =
                    "Start billing with the run: no estimated bill for the month before the start"
                            + " and so no payments before the first month's bill. Use it when"
                            + " the monitor starts with the run and should judge every payment"
                            + " (credit grades).")
    boolean noOpeningBill;

    @Option(
            names = "--thieves",
            defaultValue = "0",
            paramLabel = "SHARE",
            description =
                    "Share of customers who steal from --theft-start on, 0..1, e.g. 0.05"
                            + " (default: ${DEFAULT-VALUE}: nobody steals).")
    double thieves;

    @Option(
            names = "--meter-faults",
            defaultValue = "0",
            paramLabel = "SHARE",
            description =
                    "Share of honest customers whose meter fails for some days in the run's"
                            + " middle half, in turn: silent for 3 to 14 days, or reporting zero"
                            + " intervals while its register counts for 7 to 28 days; in"
                            + " truth.jsonl as meterFault (default: ${DEFAULT-VALUE}: none).")
    double meterFaults;

    @Option(
            names = "--loss-persistence",
            defaultValue = "0",
            paramLabel = "RHO",
            description =
                    "Day-to-day persistence of each area's technical loss, the lag-one"
                            + " autocorrelation of its daily factors, 0..0.95: real lines' loss"
                            + " follows the weather for days; a stress test of AREA_LOSS sets it,"
                            + " e.g. 0.6 (default: ${DEFAULT-VALUE}: each day drawn afresh).")
    double lossPersistence;

    @Option(
            names = "--loss-noise",
            defaultValue = "0",
            paramLabel = "SIGMA",
            description =
                    "Day-to-day variation of each area's unaccounted loss, a share of its supply,"
                            + " 0..0.05: real areas' daily loss rate moves by a point or more"
                            + " (readings collected at shifting times, unmetered public loads);"
                            + " it persists as --loss-persistence says; a stress test of AREA_LOSS"
                            + " sets it, e.g. 0.01 (default: ${DEFAULT-VALUE}: none).")
    double lossNoise;

    @Option(
            names = "--theft-start",
            paramLabel = "DAY",
            description =
                    "With --thieves: the first day of theft, as a day of the run from 0"
                            + " (default: the middle of the run).")
    Integer theftStart;

    @Option(
            names = "--theft-start-spread",
            defaultValue = "0",
            paramLabel = "DAYS",
            description =
                    "With --thieves: each thief starts 0..DAYS days after --theft-start, drawn"
                            + " per thief (default: ${DEFAULT-VALUE}).")
    int theftStartSpread;

    @Option(
            names = "--attacks",
            defaultValue = "all",
            paramLabel = "LIST",
            description =
                    "With --thieves: the attacks dealt to the thieves in turn, comma-separated"
                            + " (scale, zero-window, random-scale, random-of-mean, flat-mean,"
                            + " reversed, cap, ramp, peak-shift, swap, on-off, bypass) or 'all'"
                            + " (default: ${DEFAULT-VALUE}).")
    String attacks;

    @Option(
            names = "--payers",
            defaultValue = "default",
            paramLabel = "default|varied",
            description =
                    "Payer personas: 'default' punctual, late and never-paying; 'varied' also"
                            + " occasionally and chronically late payers, bouncing payments and"
                            + " pre-paid customers who run out (default: ${DEFAULT-VALUE}).")
    String payers;

    @Option(
            names = "--prepaid-cut-off",
            description =
                    "With --payers varied: a pre-paid meter cuts the supply when the balance runs"
                            + " out, as its relay does: the pre-paid customers who run out read 0"
                            + " kWh from the next day on (without it their readings go on).")
    boolean prepaidCutOff;

    @Option(
            names = "--once",
            description =
                    "With --kafka: send nothing when the meter-readings topic already holds"
                            + " readings (a fleet was sent before; sending it again would deliver"
                            + " every record twice to a job that resumes where it stopped).")
    boolean once;

    @Option(names = "--quiet", description = "Do not show progress on standard error.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        SimulationConfig config;
        KafkaClientProperties client;
        try {
            config = config();
            client =
                    kafkaProperties == null
                            ? KafkaClientProperties.NONE
                            : KafkaClientProperties.read(kafkaProperties);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println("gridwatch simulate: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (once && target.kafka != null) {
            try {
                KafkaBrokerCheck.check(target.kafka, client, KafkaBrokerCheck.TIMEOUT);
                long held = KafkaFleetSink.readingsHeld(target.kafka, client);
                if (held > 0) {
                    spec.commandLine()
                            .getOut()
                            .printf(
                                    Locale.ROOT,
                                    "meter-readings at %s holds %,d readings already: not sending"
                                            + " the fleet again (--once)%n",
                                    target.kafka,
                                    held);
                    return ExitCode.OK;
                }
            } catch (IOException | RuntimeException e) {
                err.println("gridwatch simulate: " + oneLine(e));
                return ExitCode.SOFTWARE;
            }
        }
        Progress progress = quiet ? Progress.NONE : new ConsoleProgress(System.err, config.zone());
        SimulationSummary summary;
        try (FleetSink sink = openSink(client)) {
            summary = new FleetSimulator(config).run(sink, progress);
        } catch (IOException | RuntimeException e) {
            err.println("gridwatch simulate: " + oneLine(e));
            return ExitCode.SOFTWARE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("gridwatch simulate: interrupted");
            return 130;
        }
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%,d customers in %d areas, %,d readings (%,d duplicated, %,d missing,"
                                + " %,d late), %,d area readings, %,d payments, %,d inspections"
                                + " -> %s%n",
                        summary.customers(),
                        summary.areas(),
                        summary.readings(),
                        summary.duplicates(),
                        summary.missing(),
                        summary.late(),
                        summary.areaReadings(),
                        summary.payments(),
                        summary.inspections(),
                        target.out != null ? target.out : target.kafka);
        return ExitCode.OK;
    }

    private SimulationConfig config() {
        if (target.kafka == null
                && (truth != null
                        || kafkaProperties != null
                        || once
                        || spec.commandLine().getParseResult().hasMatchedOption("--partitions"))) {
            throw new IllegalArgumentException(
                    "--truth, --partitions, --kafka-properties and --once go with --kafka only");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "--partitions must be at least 1, got " + partitions);
        }
        SimulationConfig config =
                SimulationConfig.of(customers, days, seed)
                        .withFaults(faultRates(faults))
                        .withSpeed(speed)
                        .withOpeningBill(!noOpeningBill);
        if (start != null) {
            config = config.withStart(parseDate(start));
        }
        if (areas != null) {
            config = config.withAreas(areas);
        }
        config = config.withPayerMix(payerMix(payers));
        if (prepaidCutOff && payerMix(payers) != PayerMix.VARIED) {
            throw new IllegalArgumentException(
                    "--prepaid-cut-off goes with --payers varied (the payers who run out)");
        }
        config = config.withPrepaidCutOff(prepaidCutOff);
        if (!(thieves > 0) && theftOptionGiven()) {
            throw new IllegalArgumentException(
                    "--theft-start, --theft-start-spread and --attacks go with --thieves only");
        }
        if (theftStart != null && theftStart < 0) {
            throw new IllegalArgumentException(
                    "--theft-start must be a day of the run from 0, got " + theftStart);
        }
        if (theftStartSpread < 0) {
            throw new IllegalArgumentException(
                    "--theft-start-spread must be >= 0 days, got " + theftStartSpread);
        }
        if (!(thieves >= 0 && thieves <= 1)) {
            throw new IllegalArgumentException("--thieves must be a share 0..1, got " + thieves);
        }
        if (!(meterFaults >= 0 && meterFaults <= 1)) {
            throw new IllegalArgumentException(
                    "--meter-faults must be a share 0..1, got " + meterFaults);
        }
        config = config.withMeterFaults(meterFaults);
        config =
                config.withLossPersistence(
                                upTo(
                                        "--loss-persistence",
                                        lossPersistence,
                                        SimulationConfig.MAX_LOSS_PERSISTENCE))
                        .withLossNoise(
                                upTo("--loss-noise", lossNoise, SimulationConfig.MAX_LOSS_NOISE));
        return config.withTheft(
                new TheftMix(
                        thieves,
                        theftStart == null ? TheftMix.MIDDLE : theftStart,
                        theftStartSpread,
                        TheftMix.parseKinds(attacks)));
    }

    /** {@code value} if it is within 0..{@code max}, else the option's one-line error. */
    private static double upTo(String option, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(option + " must be 0.." + max + ", got " + value);
        }
        return value;
    }

    /** Whether any option of theft other than --thieves was given. */
    private boolean theftOptionGiven() {
        var parsed = spec.commandLine().getParseResult();
        return parsed.hasMatchedOption("--theft-start")
                || parsed.hasMatchedOption("--theft-start-spread")
                || parsed.hasMatchedOption("--attacks");
    }

    private static PayerMix payerMix(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default" -> PayerMix.DEFAULT;
            case "varied" -> PayerMix.VARIED;
            default ->
                    throw new IllegalArgumentException(
                            "--payers must be default or varied, got '" + name + "'");
        };
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "--start must be a date like 2026-01-15, got '" + text + "'");
        }
    }

    private static FaultRates faultRates(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> FaultRates.NONE;
            case "default" -> FaultRates.DEFAULT;
            default -> faultShare(name);
        };
    }

    /** Every kind of delivery fault at one share: four meter faults, so at most a quarter each. */
    private static FaultRates faultShare(String text) {
        double share;
        try {
            share = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            share = Double.NaN;
        }
        if (!(share >= 0 && share <= 0.25)) {
            throw new IllegalArgumentException(
                    "--faults must be none, default or a share 0..0.25 of each kind of fault, got '"
                            + text
                            + "'");
        }
        return FaultRates.each(share, FaultRates.DEFAULT.maxLateMinutes());
    }

    private FleetSink openSink(KafkaClientProperties client) throws IOException {
        if (target.out != null) {
            return new FileFleetSink(target.out);
        }
        KafkaBrokerCheck.check(target.kafka, client, KafkaBrokerCheck.TIMEOUT);
        return new KafkaFleetSink(target.kafka, truth, partitions, client);
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
