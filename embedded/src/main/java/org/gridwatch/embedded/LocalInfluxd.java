package org.gridwatch.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real InfluxDB 1.x server ({@code influxd} from the Debian package {@code influxdb}) run as a
 * child process for the demo and for tests: its own config, data and log in a temporary folder,
 * HTTP on a free port of 127.0.0.1 and no other listener that could clash with a system influxd. It
 * never outlives the JVM that started it: close() stops it, a shutdown hook stops it when the JVM
 * exits, and a watchdog stops it when the JVM is killed outright.
 */
public final class LocalInfluxd implements AutoCloseable {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    static final String INSTALL_HINT =
            "install InfluxDB 1.x with `sudo apt-get install influxdb` (Debian/Ubuntu; the package"
                    + " provides /usr/bin/influxd)";

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfluxd.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final List<Path> USUAL_PLACES =
            List.of(Path.of("/usr/bin/influxd"), Path.of("/usr/local/bin/influxd"));
    private static final int LOG_TAIL_LINES = 30;
    private static final int START_ATTEMPTS = 3;

    /**
     * Runs influxd in place of this shell (exec), after leaving behind a watchdog that waits for
     * end-of-file on the pipe from the JVM. The JVM holds the pipe's other end until close(); when
     * the JVM dies, even by SIGKILL, the kernel closes it and the watchdog stops influxd (SIGTERM,
     * then SIGKILL after 10 s) and deletes the temporary folder. Java also closes the pipe when
     * influxd exits by itself; then the watchdog just ends, leaving the folder and its log to the
     * JVM. $0: influxd, $1: config, $2: folder.
     */
    private static final String WATCHDOG_THEN_INFLUXD =
            """
            exec 3<&0
            ( read -r _ <&3
              kill -TERM $$ 2>/dev/null || exit 0
              n=0
              while kill -0 $$ 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done
              kill -KILL $$ 2>/dev/null
              rm -rf "$2" ) &
            exec "$0" -config "$1" </dev/null 3<&-
            """;

    private final Path influxd;
    private final Path config;
    private Process process;
    private final Path folder;
    private final Path logFile;
    private final String url;
    private final Thread shutdownHook;
    private boolean closed;

    private LocalInfluxd(
            Path influxd, Path config, Process process, Path folder, Path logFile, String url) {
        this.influxd = influxd;
        this.config = config;
        this.process = process;
        this.folder = folder;
        this.logFile = logFile;
        this.url = url;
        this.shutdownHook = new Thread(this::close, "gridwatch-influxd-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Where influxd is installed: first on the PATH, then in /usr/bin and /usr/local/bin. */
    public static Optional<Path> findBinary() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(java.io.File.pathSeparator)) {
                if (!directory.isEmpty()) {
                    Path candidate = Path.of(directory, "influxd");
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return USUAL_PLACES.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts influxd and returns once it answers /ping.
     *
     * @throws IllegalStateException when influxd is not installed (the message says how to install
     *     it), or when it does not answer within 30 s (the message carries the end of its log)
     */
    public static LocalInfluxd start() {
        return start(findBinary(), false);
    }

    /** With authentication on, as a production InfluxDB would have it; for tests of clients. */
    static LocalInfluxd start(Optional<Path> binary, boolean authEnabled) {
        Path influxd =
                binary.orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "influxd was not found on the PATH, nor in /usr/bin or"
                                                + " /usr/local/bin: "
                                                + INSTALL_HINT));
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(influxd, authEnabled);
            } catch (PortTakenException e) {
                // Another process took a port between our probe and influxd's bind: pick again.
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage());
                }
                LOG.info("influxd found a port taken, retrying: {}", e.getMessage());
            }
        }
    }

    /** The HTTP API's address, as "http://127.0.0.1:PORT". */
    public String url() {
        return url;
    }

    /**
     * Stops influxd (SIGTERM, then SIGKILL if it has not exited after 10 s) and deletes its folder;
     * calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeShutdownHook();
        stop(process);
        ScratchFolder.delete(folder);
        LOG.info("influxd at {} stopped", url);
    }

    /** Where influxd writes its log while it runs; deleted with its folder by close(). */
    public Path logFile() {
        return logFile;
    }

    /** The operating system's id of the influxd process. */
    synchronized long pid() {
        return process.pid();
    }

    /** The temporary folder holding config, data and log; deleted by close(). */
    Path folder() {
        return folder;
    }

    private static LocalInfluxd startOnce(Path influxd, boolean authEnabled) {
        Path folder = ScratchFolder.create("gridwatch-influxd-");
        Path logFile = folder.resolve("influxd.log");
        int[] ports = freePorts(2);
        int httpPort = ports[0];
        int rpcPort = ports[1];
        String url = "http://127.0.0.1:" + httpPort;
        Process process = null;
        try {
            Path config = folder.resolve("influxdb.conf");
            Files.writeString(config, configuration(folder, httpPort, rpcPort, authEnabled));
            process = launch(influxd, config, folder, logFile);
            awaitPing(process, url, logFile);
            LOG.info(
                    "influxd {} answering at {} (pid {}, folder {})",
                    influxd,
                    url,
                    process.pid(),
                    folder);
            return new LocalInfluxd(influxd, config, process, folder, logFile, url);
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                stop(process);
            }
            ScratchFolder.delete(folder);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not start " + influxd, io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Stops influxd, keeping its data, and starts it again on the same port after {@code down}: an
     * outage of the server as its clients see it (connections refused, then answers again).
     */
    public synchronized void restart(Duration down) {
        if (closed) {
            throw new IllegalStateException("influxd at " + url + " was closed");
        }
        // SIGTERM through the handle: Process.destroy() would also close the pipe, releasing the
        // watchdog while influxd still runs, and the watchdog would delete the folder. This way
        // the pipe closes only once influxd has exited and been reaped; the watchdog then finds
        // nothing to stop and ends, leaving the folder.
        process.toHandle().destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            process.getOutputStream().close();
            LOG.info("influxd at {} stopped for {}", url, down);
            Thread.sleep(down.toMillis());
            process = launch(influxd, config, folder, logFile);
            awaitPing(process, url, logFile);
            LOG.info("influxd at {} answering again (pid {})", url, process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart " + influxd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restarting influxd", e);
        }
    }

    private static Process launch(Path influxd, Path config, Path folder, Path logFile)
            throws IOException {
        {
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                // A session of its own: Ctrl-C in the terminal goes to the JVM, which stops
                // influxd in order, instead of killing influxd under a demo still writing to it.
                command.add(SETSID.toString());
            }
            command.addAll(
                    List.of(
                            "/bin/sh",
                            "-c",
                            WATCHDOG_THEN_INFLUXD,
                            influxd.toString(),
                            config.toString(),
                            folder.toString()));
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // influxd lets INFLUXDB_* variables override its config file; ours must hold.
            builder.environment().keySet().removeIf(name -> name.startsWith("INFLUXDB_"));
            return builder.start();
        }
    }

    private static void awaitPing(Process process, String url, Path logFile) {
        InfluxQueryClient client = new InfluxQueryClient(url);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!client.ping()) {
            if (!process.isAlive()) {
                String tail = logTail(logFile);
                String message =
                        "influxd exited with code "
                                + process.exitValue()
                                + " before answering "
                                + url
                                + "/ping. Last lines of its log:\n"
                                + tail;
                if (tail.contains("address already in use")) {
                    throw new PortTakenException(message);
                }
                throw new IllegalStateException(message);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "influxd did not answer "
                                + url
                                + "/ping within "
                                + STARTUP_TIMEOUT.toSeconds()
                                + " s. Last lines of its log:\n"
                                + logTail(logFile));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for influxd", e);
            }
        }
    }

    /**
     * Everything under the temporary folder, HTTP on loopback only, the backup/restore RPC service
     * (which cannot be switched off) moved off its fixed port 8088, no usage reporting, no
     * _internal statistics database, no per-request access log.
     */
    static String configuration(Path folder, int httpPort, int rpcPort, boolean authEnabled) {
        return """
                reporting-disabled = true
                bind-address = "127.0.0.1:%2$d"

                [meta]
                  dir = "%3$s/meta"

                [data]
                  dir = "%3$s/data"
                  wal-dir = "%3$s/wal"
                  query-log-enabled = false

                [monitor]
                  store-enabled = false

                [http]
                  enabled = true
                  bind-address = "127.0.0.1:%1$d"
                  auth-enabled = %4$s
                  log-enabled = false
                  pprof-enabled = false

                [logging]
                  format = "logfmt"
                  level = "info"
                  suppress-logo = true
                """
                .formatted(httpPort, rpcPort, tomlString(folder.toString()), authEnabled);
    }

    private static String tomlString(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void stop(Process process) {
        // Closing the pipe releases the watchdog, which would also stop influxd; we do it here
        // too, so that the escalation happens on our clock and we know when it is over.
        try (OutputStream pipe = process.getOutputStream()) {
            // closed by try-with-resources
        } catch (IOException e) {
            LOG.debug("Closing the pipe to influxd's watchdog failed", e);
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "influxd (pid {}) ignored SIGTERM for {}; killing it",
                        process.pid(),
                        STOP_GRACE);
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmIsAlreadyShuttingDown) {
            // Then this close() may be the hook itself.
        }
    }

    /** Distinct ports that were free a moment ago; held open together so they differ. */
    private static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("Closing a port probe failed", e);
            }
        }
    }

    private static String logTail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(
                    "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "LocalInfluxd[" + url + ", pid " + process.pid() + "]";
    }

    private static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
