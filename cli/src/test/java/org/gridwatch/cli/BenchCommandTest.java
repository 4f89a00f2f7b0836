package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwatch bench} works end to end on a tiny fleet (what it measures is for
 * docs/benchmarks.md, not for a test: nothing here is timed), and its percentile is the
 * nearest-rank one.
 */
class BenchCommandTest {

    @Test
    @Timeout(240)
    void runsBothJobsFromFilesAndPrintsTheirRatio() {
        CommandRun bench =
                tinyFleetFromFiles(
                        "--rounds", "2", "--warmup", "1", "--checkpoint-interval-ms", "500");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out())
                .containsPattern("files +warm-up 1 +monitor +[\\d.]+ s +[\\d,]+ readings/s")
                .containsPattern("files +round 2 +monitor +[\\d.]+ s +[\\d,]+ readings/s")
                .containsPattern("files +round 1 +baseline +[\\d.]+ s +[\\d,]+ readings/s")
                .containsPattern(
                        "files +round 1 +monitor .* [\\d.]+ µs CPU a reading +[\\d.]+ s JIT")
                .containsPattern(
                        "\nfiles +[\\d,]+ +[\\d,]+ +\\d+\\.\\d\\d +\\d+\\.\\d\\d +[\\d,.]+ +[\\d,.]+"
                                + " +\\d+\\.\\d\\d +\\d+% +\\d+%\n")
                .contains("B/customer  customer accounts");
    }

    @Test
    @Timeout(240)
    void withSeparateJvmsEachJobRunsInAJvmOfItsOwn() {
        CommandRun bench = oneRoundInSeparateJvms("--warmup", "0");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        java.util.regex.Matcher where =
                java.util.regex.Pattern.compile(
                                "the monitor runs in JVM (\\d+), the baseline in JVM (\\d+)")
                        .matcher(bench.out());
        assertThat(where.find()).as(bench.out()).isTrue();
        long self = ProcessHandle.current().pid();
        assertThat(List.of(Long.parseLong(where.group(1)), Long.parseLong(where.group(2))))
                .doesNotHaveDuplicates()
                .doesNotContain(self);
        assertThat(bench.out())
                .containsPattern("files +round 1 +monitor +[\\d.]+ s +[\\d,]+ readings/s")
                .containsPattern("files +round 1 +baseline +[\\d.]+ s +[\\d,]+ readings/s")
                .contains("B/customer  customer accounts"); // the worker's lines, passed on
    }

    @Test
    void warmsUpUntilTheJitSettlesWithAuto() {
        CommandRun bench = oneRoundInSeparateJvms("--warmup", "auto", "--max-warmup", "2");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out())
                .contains("1 round(s) after warm-up rounds until the JIT settles")
                .containsPattern("files +warm-up 1 +monitor .* [\\d.]+ s JIT")
                .containsPattern("files +round 1 +baseline .* [\\d.]+ s JIT")
                .doesNotContain("warm-up 3");
        // a tiny fleet's rounds are short beside the JIT's work: they seldom settle in two
        if (bench.out().contains("warm-up 2")) {
            assertThat(bench.out()).contains("the JIT was still compiling after 2 warm-up rounds");
        }
    }

    /** One measured round of a 20-customer, 2-day fleet from files, each job in its own JVM. */
    private static CommandRun oneRoundInSeparateJvms(String... warmup) {
        List<String> args = new java.util.ArrayList<>(List.of("--rounds", "1", "--separate-jvms"));
        args.addAll(List.of(warmup));
        return tinyFleetFromFiles(args.toArray(String[]::new));
    }

    /** {@code bench} over a generated 20-customer, 2-day fleet, from files, with {@code more}. */
    private static CommandRun tinyFleetFromFiles(String... more) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of("bench", "--customers", "20", "--days", "2", "--sources", "files"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void refusesAWarmUpThatIsNeitherACountNorAuto() {
        for (String bad : List.of("-1", "some", "")) {
            CommandRun bench = CommandRun.of("bench", "--warmup", bad, "--days", "1");
            assertThat(bench.exitCode()).as(bad).isNotZero();
            assertThat(bench.err())
                    .contains(
                            "--warmup takes a number of rounds (0 or more) or auto, not \""
                                    + bad
                                    + "\"");
        }
    }

    @Test
    void aRoundIsSettledWhenItsJvmCompiledForAtMostATwentiethOfItsWallTime() {
        // 10 s runs: 0.5 s of compiling is a twentieth, 0.6 s more.
        assertThat(BenchCommand.settled(new BenchCommand.Ran(null, 10_000_000_000L, 0, 0)))
                .isTrue();
        assertThat(
                        BenchCommand.settled(
                                new BenchCommand.Ran(null, 10_000_000_000L, 0, 500_000_000L)))
                .isTrue();
        assertThat(
                        BenchCommand.settled(
                                new BenchCommand.Ran(null, 10_000_000_000L, 0, 600_000_000L)))
                .isFalse();
    }

    @Test
    void refusesALatencyRunWithoutKafka() {
        CommandRun bench =
                CommandRun.of(
                        "bench", "--sources", "files", "--latency-rate", "100", "--days", "1");
        assertThat(bench.exitCode()).isNotZero();
        assertThat(bench.err()).contains("--latency-rate needs kafka in --sources");
    }

    @Test
    void refusesAHeapDumpWithoutTheHeapMeasureOrOverAFile(@TempDir Path dir) throws Exception {
        CommandRun alone = CommandRun.of("bench", "--heap-dump", dir.resolve("h.hprof").toString());
        assertThat(alone.exitCode()).isNotZero();
        assertThat(alone.err()).contains("--heap-dump needs --heap");

        Path taken = Files.writeString(dir.resolve("taken.hprof"), "x");
        CommandRun over = CommandRun.of("bench", "--heap", "--heap-dump", taken.toString());
        assertThat(over.exitCode()).isNotZero();
        assertThat(over.err()).contains("exists already");
    }

    @Test
    void warmUpRoundsAreLeftOutAndThePairedRatioIsTheMedianOfEachRoundsRatio() {
        // 1,000 readings; a run of T seconds is 1,000 / T readings/s.
        BenchCommand.Runs monitor = new BenchCommand.Runs(1_000);
        BenchCommand.Runs baseline = new BenchCommand.Runs(1_000);
        monitor.add(0, ran(100.0)); // warm-up: 10 readings/s, not counted
        baseline.add(0, ran(1.0));
        // Rounds at 100, 90 and 300 readings/s against 400, 200 and 500: ratios 0.25, 0.45, 0.6.
        monitor.add(1, ran(10.0));
        baseline.add(1, ran(2.5));
        monitor.add(2, ran(1_000.0 / 90));
        baseline.add(2, ran(5.0));
        monitor.add(3, ran(1_000.0 / 300));
        baseline.add(3, ran(2.0));
        assertThat(monitor.median()).isCloseTo(100.0, within(1e-9));
        assertThat(baseline.median()).isCloseTo(400.0, within(1e-9));
        assertThat(monitor.pairedRatio(baseline)).isCloseTo(0.45, within(1e-9));
    }

    private static BenchCommand.Ran ran(double seconds) {
        return new BenchCommand.Ran(null, (long) (seconds * 1e9), 0, 0);
    }

    @Test
    void percentileIsTheNearestRank() {
        // Ten values: the 50th percentile is the 5th (rank ceil(0.5 × 10)), the 99th the 10th.
        List<Long> sorted = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(BenchCommand.percentile(sorted, 0.50)).isEqualTo(5L);
        assertThat(BenchCommand.percentile(sorted, 0.99)).isEqualTo(10L);
        assertThat(BenchCommand.percentile(List.of(42L), 0.99)).isEqualTo(42L);
    }
}
