package org.gridwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real influxd. When it is not installed these tests fail with the install hint: CI
 * installs it (.ci/run), and a skipped test would hide a missing install step.
 */
@Timeout(120)
class LocalInfluxdTest {

    @Test
    void findsTheInstalledInfluxd() {
        assertThat(LocalInfluxd.findBinary())
                .as("influxd is not installed: " + LocalInfluxd.INSTALL_HINT)
                .isPresent()
                .get()
                .satisfies(binary -> assertThat(Files.isExecutable(binary)).isTrue());
    }

    @Test
    void refusesToStartWithoutInfluxdAndSaysHowToInstallIt() {
        assertThatThrownBy(() -> LocalInfluxd.start(Optional.empty(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("influxd was not found")
                .hasMessageContaining("apt-get install influxdb");
    }

    @Test
    void reportsTheEndOfItsLogWhenInfluxdExitsAtStartup(@TempDir Path scripts) throws Exception {
        Path broken = scripts.resolve("influxd");
        Files.writeString(broken, "#!/bin/sh\necho \"run: open server: bad config $2\"\nexit 3\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> LocalInfluxd.start(Optional.of(broken), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("influxd exited with code 3 before answering")
                .hasMessageContaining("run: open server: bad config")
                .hasMessageContaining("influxdb.conf");
    }

    @Test
    void storesAPointWrittenOverHttpAndReturnsItToAQuery() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            assertThat(influxd.url()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(influxd.logFile()).content().contains("Listening on HTTP");
            InfluxQueryClient client = new InfluxQueryClient(influxd.url());
            assertThat(client.ping()).isTrue();
            client.createDatabase("gridwatch");

            HttpResponse<String> written =
                    post(
                            influxd.url() + "/write?db=gridwatch&precision=s",
                            "area_balance,area=north supplied_kwh=120.5,billed_kwh=98.25 1700000000");
            assertThat(written.statusCode()).as(written.body()).isEqualTo(204);

            QueryResult result =
                    client.query("gridwatch", "SELECT supplied_kwh, billed_kwh FROM area_balance");
            assertThat(result.series()).hasSize(1);
            QueryResult.Series series = result.series().get(0);
            assertThat(series.name()).isEqualTo("area_balance");
            assertThat(series.columns()).containsExactly("time", "supplied_kwh", "billed_kwh");
            assertThat(series.rows())
                    .containsExactly(List.of("2023-11-14T22:13:20Z", 120.5, 98.25));
        }
    }

    @Test
    void keepsItsDataAndAddressAcrossARestart() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start()) {
            InfluxQueryClient client = new InfluxQueryClient(influxd.url());
            client.createDatabase("gridwatch");
            post(influxd.url() + "/write?db=gridwatch&precision=s", "load kwh=1.5 1700000000");
            long before = influxd.pid();

            influxd.restart(java.time.Duration.ofSeconds(1));

            assertThat(influxd.pid()).isNotEqualTo(before);
            assertThat(client.ping()).isTrue();
            assertThat(client.query("gridwatch", "SELECT kwh FROM load").series().get(0).rows())
                    .containsExactly(List.of("2023-11-14T22:13:20Z", 1.5));
        }
    }

    @Test
    void runsBesideAnotherInstanceOnItsOwnPortAndFolder() {
        try (LocalInfluxd first = LocalInfluxd.start();
                LocalInfluxd second = LocalInfluxd.start()) {
            assertThat(first.url()).isNotEqualTo(second.url());
            assertThat(first.folder()).isNotEqualTo(second.folder());
            assertThat(new InfluxQueryClient(first.url()).ping()).isTrue();
            assertThat(new InfluxQueryClient(second.url()).ping()).isTrue();
        }
    }

    @Test
    void leavesNeitherProcessesNorFilesBehindWhenClosed() {
        LocalInfluxd influxd = LocalInfluxd.start();
        long pid = influxd.pid();
        // influxd and the watchdog the launcher left beside it
        List<Long> started =
                ProcessHandle.of(pid).orElseThrow().descendants().map(ProcessHandle::pid).toList();
        assertThat(started).as("the watchdog").isNotEmpty();
        Path folder = influxd.folder();
        String url = influxd.url();

        influxd.close();
        influxd.close();

        assertThat(running(pid)).as("influxd pid %d after close", pid).isFalse();
        awaitGone(started);
        assertThat(folder).doesNotExist();
        assertThat(new InfluxQueryClient(url).ping()).isFalse();
    }

    @Test
    void stopsInfluxdWhenItsJvmExitsWithoutClosingIt() throws Exception {
        assertInfluxdDiesWithItsJvm(false);
    }

    @Test
    void stopsInfluxdWhenItsJvmIsKilled() throws Exception {
        assertInfluxdDiesWithItsJvm(true);
    }

    /** Starts influxd in another JVM, ends that JVM, and watches influxd go. */
    private static void assertInfluxdDiesWithItsJvm(boolean kill) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process jvm =
                new ProcessBuilder(
                                java.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                InfluxdInAnotherJvm.class.getName())
                        .redirectErrorStream(true)
                        .start();
        long influxdPid;
        Path folder;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String started = null;
            StringBuilder seen = new StringBuilder();
            while (started == null && (line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith(InfluxdInAnotherJvm.STARTED)) {
                    started = line;
                }
            }
            assertThat(started).as("output of the other JVM:\n%s", seen).isNotNull();
            String[] parts = started.split(" ");
            influxdPid = Long.parseLong(parts[1]);
            folder = Path.of(parts[2]);
            assertThat(running(influxdPid)).isTrue();

            if (kill) {
                jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            } else {
                jvm.getOutputStream().write('\n');
                jvm.getOutputStream().flush();
            }
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            jvm.destroyForcibly();
        }
        awaitGone(List.of(influxdPid));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (Files.exists(folder) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(folder).doesNotExist();
    }

    private static void awaitGone(List<Long> pids) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (pids.stream().anyMatch(LocalInfluxdTest::running) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(pids).as("processes still running").noneMatch(LocalInfluxdTest::running);
    }

    /**
     * A zombie counts as gone: it has exited and waits only for a parent to read its status, which
     * in a container without an init process may never happen.
     */
    private static boolean running(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String content = Files.readString(stat);
            String afterName = content.substring(content.lastIndexOf(')') + 2);
            return afterName.charAt(0) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
