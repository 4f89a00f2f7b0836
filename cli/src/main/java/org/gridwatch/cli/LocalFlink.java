package org.gridwatch.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.clusterframework.ApplicationStatus;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.ExceptionUtils;

/**
 * A Flink cluster inside this JVM (Flink's MiniCluster: one task manager with a slot per parallel
 * task) with its REST API and web UI on localhost. Unlike {@code
 * StreamExecutionEnvironment.createLocalEnvironment}, which starts a cluster per job and stops it
 * in the background, {@link #close()} returns only when the cluster has stopped, so a command that
 * returns leaves no Flink thread behind.
 */
final class LocalFlink implements AutoCloseable {

    /**
     * A failing job (InfluxDB gone, say) is restarted a few times, 10 s apart, and then fails the
     * command with its reason; on a cluster, Flink's own default restarts it for ever.
     */
    private static final int RESTART_ATTEMPTS = 3;

    private static final Duration RESTART_DELAY = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Each task manager's network buffers. The local cluster's default, 64 MB, is too little for
     * the monitor's tasks at parallelism 2: Flink warned "Memory usage [150–175%] is too high" and
     * gave each channel fewer buffers than it asked for.
     */
    static final MemorySize NETWORK_MEMORY = MemorySize.ofMebiBytes(256);

    /**
     * Each task manager's managed memory: what RocksDB ({@code --state-backend rocksdb}) takes for
     * its block cache and write buffers, shared by the keyed operators of a slot, and nothing on
     * the heap backend (Flink reserves it only when a consumer asks). The local cluster's default,
     * 128 MB, gave each of the monitor's dozen keyed operators in a slot a few MB of write buffer:
     * at a million customers RocksDB flushed and compacted all the time, and the master's first
     * load alone took minutes (docs/benchmarks.md, session 14).
     */
    static final MemorySize MANAGED_MEMORY = MemorySize.ofMebiBytes(1024);

    private final MiniCluster cluster;
    private final int parallelism;
    private final URI webUi;
    private final Path scratch;

    private LocalFlink(MiniCluster cluster, int parallelism, URI webUi, Path scratch) {
        this.cluster = cluster;
        this.parallelism = parallelism;
        this.webUi = webUi;
        this.scratch = scratch;
    }

    /**
     * Starts the cluster.
     *
     * @param port the web UI's port on localhost, 0 for any free one
     * @throws IllegalStateException when the port is taken
     */
    static LocalFlink start(int parallelism, int port) throws Exception {
        return start(parallelism, port, 1);
    }

    /**
     * Starts the cluster with {@code taskManagers} task managers sharing the {@code parallelism}
     * slots (so that records between them cross Flink's network stack, as on a real cluster).
     */
    static LocalFlink start(int parallelism, int port, int taskManagers) throws Exception {
        int slotsEach = (parallelism + taskManagers - 1) / taskManagers;
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.BIND_PORT, String.valueOf(port));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slotsEach);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, NETWORK_MEMORY);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, NETWORK_MEMORY);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MANAGED_MEMORY);
        String logFile = System.getProperty("gridwatch.log.file");
        if (logFile != null) {
            conf.set(WebOptions.LOG_PATH, logFile); // the web UI's "Job Manager > Logs" tab
        }
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(taskManagers)
                                .setNumSlotsPerTaskManager(slotsEach)
                                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                                .build());
        try {
            cluster.start(); // closes what it started when it fails
        } catch (Exception e) {
            if (ExceptionUtils.findThrowable(e, BindException.class).isPresent()
                    || String.valueOf(e.getMessage()).contains("port range")) {
                throw new IllegalStateException(portTaken(port));
            }
            throw e;
        }
        try {
            URI address = cluster.getRestAddress().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new LocalFlink(
                    cluster, parallelism, address, Files.createTempDirectory("gridwatch-flink-"));
        } catch (Exception e) {
            cluster.closeAsync().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * A checkpoint folder that lives as long as this cluster: Flink's default keeps checkpoints in
     * the job manager's memory, capped at 5 MB, and a job in this process cannot be resumed after
     * it anyway.
     */
    String scratchCheckpoints() {
        return scratch.resolve("checkpoints").toUri().toString();
    }

    /** Whether a server could listen on this port of localhost now. */
    static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String portTaken(int port) {
        return "port "
                + port
                + " is taken (another Flink, or a demo still running?): use --port N, or --port 0"
                + " for any free port";
    }

    /** A fresh environment to wire one job into, then {@link #submit} it. */
    StreamExecutionEnvironment environment() {
        Configuration job = new Configuration();
        job.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        job.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        job.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, RESTART_DELAY);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(job);
        env.setParallelism(parallelism);
        return env;
    }

    /** Submits what was wired into {@code env} and returns once the cluster has accepted it. */
    JobID submit(StreamExecutionEnvironment env, String name) throws Exception {
        return submit(env, name, null);
    }

    /**
     * As {@link #submit(StreamExecutionEnvironment, String)}, resuming from a checkpoint or
     * savepoint when {@code resumeFrom} is not null.
     */
    JobID submit(StreamExecutionEnvironment env, String name, String resumeFrom) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        if (resumeFrom != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(resumeFrom));
        }
        graph.serializeUserDefinedInstances();
        return cluster.submitJob(graph).get().getJobID();
    }

    /**
     * The sum over all subtasks of the job's metric whose name ends with {@code .metric} (e.g. the
     * InfluxDB sink's {@code influxdbPointsRefused}), read through the cluster's REST API; empty
     * when the job has no such metric (yet, or any more).
     */
    java.util.OptionalLong metricSum(JobID job, String metric) {
        try {
            com.fasterxml.jackson.databind.JsonNode vertices = rest("/jobs/" + job).get("vertices");
            long sum = 0;
            boolean found = false;
            for (com.fasterxml.jackson.databind.JsonNode vertex : vertices) {
                String base = "/jobs/" + job + "/vertices/" + vertex.get("id").asText();
                for (com.fasterxml.jackson.databind.JsonNode m : rest(base + "/subtasks/metrics")) {
                    String id = m.get("id").asText();
                    if (id.endsWith("." + metric) || id.equals(metric)) {
                        com.fasterxml.jackson.databind.JsonNode value =
                                rest(
                                        base
                                                + "/subtasks/metrics?agg=sum&get="
                                                + java.net.URLEncoder.encode(
                                                        id,
                                                        java.nio.charset.StandardCharsets.UTF_8));
                        if (value.size() > 0) {
                            sum += value.get(0).get("sum").asLong();
                            found = true;
                        }
                    }
                }
            }
            return found ? java.util.OptionalLong.of(sum) : java.util.OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * The state each operator chain held at the job's latest completed checkpoint (bytes, the full
     * size, by the chain's name, subtasks summed); empty when there was none. Flink keeps these
     * statistics for a finished job too.
     */
    java.util.Map<String, Long> checkpointedState(JobID job)
            throws IOException, InterruptedException {
        java.util.Map<String, Long> sizes = new java.util.LinkedHashMap<>();
        com.fasterxml.jackson.databind.JsonNode latest =
                rest("/jobs/" + job + "/checkpoints").path("latest").path("completed");
        if (!latest.has("id")) {
            return sizes;
        }
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode v : rest("/jobs/" + job).get("vertices")) {
            names.put(v.get("id").asText(), v.get("name").asText());
        }
        com.fasterxml.jackson.databind.JsonNode tasks =
                rest("/jobs/" + job + "/checkpoints/details/" + latest.get("id").asLong())
                        .path("tasks");
        tasks.fields()
                .forEachRemaining(
                        t ->
                                sizes.put(
                                        names.getOrDefault(t.getKey(), t.getKey()),
                                        t.getValue().path("state_size").asLong()));
        return sizes;
    }

    private com.fasterxml.jackson.databind.JsonNode rest(String path)
            throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> response =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(webUi.resolve(path))
                                        .timeout(java.time.Duration.ofSeconds(5))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + ": HTTP " + response.statusCode());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    /** Completes when the job has finished, failed or been cancelled. */
    CompletableFuture<JobResult> result(JobID job) {
        return cluster.requestJobResult(job);
    }

    /** Why a finished job failed, or null when it did not fail (it finished or was cancelled). */
    static Throwable failure(JobResult result) {
        if (result.getApplicationStatus() != ApplicationStatus.FAILED) {
            return null;
        }
        return result.getSerializedThrowable()
                .map(t -> t.deserializeError(LocalFlink.class.getClassLoader()))
                .orElseGet(() -> new IllegalStateException("the job failed without a reason"));
    }

    /**
     * The first reason in the chain that is not Flink's own wrapping ("Job execution failed",
     * "Recovery is suppressed"), e.g. the InfluxDB writer's "write failed after 6 attempts: ...".
     */
    static String reason(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null
                && t.getCause() != t
                && (t.getClass().getName().startsWith("org.apache.flink.")
                        || t.getMessage() == null)) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return GridWatch.firstLine(message == null ? t.getClass().getSimpleName() : message);
    }

    /** Cancels the job and waits until it has stopped. */
    void cancel(JobID job) throws InterruptedException {
        try {
            if (!cluster.getJobStatus(job).get().isGloballyTerminalState()) {
                cluster.cancelJob(job).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            result(job).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // It may have ended by itself meanwhile; close() stops whatever is left.
        }
    }

    /** The web UI and REST API, e.g. http://localhost:8081. */
    URI webUi() {
        return webUi;
    }

    /** Stops the cluster and every job on it; returns when its threads are gone. */
    @Override
    public void close() throws ExecutionException, TimeoutException, IOException {
        try {
            cluster.closeAsync().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the cluster goes on stopping by itself
        } finally {
            deleteTree(scratch);
        }
    }

    /** Deletes a folder and everything in it; nothing when it is gone already. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException alreadyGone) {
            // nothing to delete
        }
    }
}
