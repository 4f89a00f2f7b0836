package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridwatch.embedded.LocalInfluxd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole demo in this JVM: a small fleet for 20 seconds, with a private influxd when one is
 * installed (CI installs it), on a free port for Flink's web UI.
 */
class DemoCommandTest {

    @Test
    @Timeout(120)
    void showsLiveLoadByClassFromTheJobAndLeavesNothingRunningWhenItStops() throws Exception {
        boolean influxd = LocalInfluxd.findBinary().isPresent();
        Set<Thread> before = liveNonDaemonThreads();
        List<String> args =
                new ArrayList<>(
                        List.of("demo", "--customers", "50", "--duration", "20", "--port", "0"));
        args.add(influxd ? "--private-influx" : "--no-influx");

        CommandRun run = CommandRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("load by class")
                .endsWith("stopped" + System.lineSeparator());
        DemoCommand demo = run.command("demo");
        SummarySnapshot seen = demo.lastSnapshot();
        assertThat(seen.read("meter-readings")).isPositive();
        assertThat(seen.of("meter-readings").records()).isPositive();
        assertThat(seen.of("customers").accepted()).isEqualTo(50);
        assertThat(seen.hasLoad()).isTrue();
        assertThat(seen.kwByClass()).containsKey("RESIDENTIAL");
        assertThat(seen.meteredKw()).isPositive();
        if (influxd) {
            assertThat(demo.lastInfluxLoadPoints())
                    .as("load points the private influxd held at the last refresh")
                    .isPositive();
        }

        assertThat(awaitNoNewNonDaemonThreads(before, Duration.ofSeconds(15)))
                .as("threads left behind")
                .isEmpty();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("child processes left behind (influxd)")
                .isEmpty();
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static List<String> awaitNoNewNonDaemonThreads(Set<Thread> before, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> left =
                    liveNonDaemonThreads().stream()
                            .filter(t -> !before.contains(t))
                            .map(Thread::getName)
                            .sorted()
                            .toList();
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(200);
        }
    }
}
