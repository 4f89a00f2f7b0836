package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulateTheftOptionsTest {

    @TempDir Path dir;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--thieves 1.5|gridwatch simulate: --thieves must be a share 0..1, got 1.5",
                "--thieves -0.1|gridwatch simulate: --thieves must be a share 0..1, got -0.1",
                "--thieves 0.1 --theft-start -1|gridwatch simulate: --theft-start must be a day of"
                        + " the run from 0, got -1",
                "--thieves 0.1 --theft-start 4|gridwatch simulate: theft start (day 4) must lie"
                        + " within the run's days 0..3",
                "--thieves 0.1 --theft-start 2 --theft-start-spread 2|gridwatch simulate: theft"
                        + " start (day 2 + spread 2) must lie within the run's days 0..3",
                "--thieves 0.1 --theft-start-spread -1|gridwatch simulate: --theft-start-spread"
                        + " must be >= 0 days, got -1",
                "--thieves 0.1 --attacks scale,teleport|gridwatch simulate: unknown attack kind"
                        + " 'teleport'; known: scale, zero-window, random-scale, random-of-mean,"
                        + " flat-mean, reversed, cap, ramp, peak-shift, swap, on-off, bypass",
                "--thieves 0.1 --attacks scale,,cap|gridwatch simulate: --attacks has an empty"
                        + " name in 'scale,,cap'",
                "--theft-start 1|gridwatch simulate: --theft-start, --theft-start-spread and"
                        + " --attacks go with --thieves only",
                "--payers lavish|gridwatch simulate: --payers must be default or varied, got"
                        + " 'lavish'",
                "--meter-faults 2|gridwatch simulate: --meter-faults must be a share 0..1, got 2.0",
                "--prepaid-cut-off|gridwatch simulate: --prepaid-cut-off goes with --payers varied"
                        + " (the payers who run out)",
                "--loss-persistence 1|gridwatch simulate: --loss-persistence must be 0..0.95, got"
                        + " 1.0",
                "--loss-noise 0.06|gridwatch simulate: --loss-noise must be 0..0.05, got 0.06",
                "--faults 0.3|gridwatch simulate: --faults must be none, default or a share"
                        + " 0..0.25 of each kind of fault, got '0.3'",
                "--faults some|gridwatch simulate: --faults must be none, default or a share"
                        + " 0..0.25 of each kind of fault, got 'some'"
            })
    void badTheftAndPayerOptionsExitWithOneLine(String options, String message) {
        String[] extra = options.split(" ");
        String[] args = new String[6 + extra.length];
        String[] base = {
            "simulate", "--customers", "10", "--days", "4", "--out=" + dir.resolve("out")
        };
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);

        CommandRun run = CommandRun.of(args);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(message);
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /** The truth's run line of a 10-customer, 2-day simulation with {@code option value}. */
    private String runLineWith(String option, String value) throws Exception {
        CommandRun run =
                CommandRun.of(
                        "simulate",
                        "--customers",
                        "10",
                        "--days",
                        "2",
                        option,
                        value,
                        "--quiet",
                        "--out",
                        dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readAllLines(dir.resolve("truth.jsonl")).get(0);
    }

    @Test
    void aShareOfFaultsMakesEachKindThatCommon() throws Exception {
        assertThat(runLineWith("--faults", "0.05"))
                .contains(
                        "\"faults\":{\"duplicate\":0.05,\"missing\":0.05,\"late\":0.05,"
                                + "\"maxLateMinutes\":360,\"overlapping\":0.05,"
                                + "\"areaDuplicate\":0.05,\"areaOverlapping\":0.05}");
    }

    @Test
    void aPersistentAreaLossIsWrittenToTheRunsTruth() throws Exception {
        assertThat(runLineWith("--loss-persistence", "0.6"))
                .endsWith(",\"plannedOutagesPerAreaYear\":1.0,\"lossPersistence\":0.6}");
    }

    @Test
    void anAreasUnaccountedLossIsWrittenToTheRunsTruth() throws Exception {
        assertThat(runLineWith("--loss-noise", "0.01"))
                .endsWith(",\"plannedOutagesPerAreaYear\":1.0,\"lossNoise\":0.01}");
    }

    @Test
    void meterFaultsAreWrittenToTheTruth() throws Exception {
        CommandRun run =
                CommandRun.of(
                        "simulate",
                        "--customers",
                        "40",
                        "--days",
                        "8",
                        "--meter-faults",
                        "0.1",
                        "--quiet",
                        "--out",
                        dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // a tenth of the 40 customers, the two kinds in turn, from the run's middle half
        assertThat(Files.readAllLines(dir.resolve("truth.jsonl")))
                .filteredOn(l -> l.startsWith("{\"type\":\"meterFault\""))
                .hasSize(4)
                .allSatisfy(l -> assertThat(l).containsPattern("\"start\":\"2026-01-0[3-6]\""))
                .filteredOn(l -> l.contains("\"kind\":\"silent\""))
                .hasSize(2);
    }

    @Test
    void thievesAreWrittenToTheTruth() throws Exception {
        CommandRun run =
                CommandRun.of(
                        "simulate",
                        "--customers",
                        "50",
                        "--days",
                        "3",
                        "--thieves",
                        "0.1",
                        "--theft-start",
                        "1",
                        "--attacks",
                        "scale,bypass",
                        "--payers",
                        "varied",
                        "--quiet",
                        "--out",
                        dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("truth.jsonl")))
                .filteredOn(l -> l.startsWith("{\"type\":\"theft\""))
                .hasSize(5)
                .allMatch(l -> l.contains("\"start\":\"2026-01-02\""))
                .allMatch(l -> l.contains("\"attack\":\"scale\"") || l.contains("\"bypass\""));
    }
}
