package org.gridwatch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.clusterframework.ApplicationStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.gridwatch.jobs.MonitorJob;

/**
 * A Flink MiniCluster the tests act on while a job runs: they wait for its checkpoints, take a
 * TaskManager away, cancel the job and resume it from what it retained.
 */
final class TestFlink implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** In the name of every thread that runs a task: Flink names it "name (i/n)#attempt". */
    private static final String TASK_THREAD_MARK = ")#";

    private final MiniCluster cluster;

    private TestFlink(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /** Slots are spread over the TaskManagers, so that each runs a share of every operator. */
    static TestFlink start(int taskManagers, int slotsPerTaskManager) throws Exception {
        Configuration conf = new Configuration();
        // Any free port for the REST endpoint: another MiniCluster on the machine may hold 8081.
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(
                TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE,
                TaskManagerOptions.TaskManagerLoadBalanceMode.SLOTS);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(taskManagers)
                                .setNumSlotsPerTaskManager(slotsPerTaskManager)
                                .build());
        cluster.start();
        return new TestFlink(cluster);
    }

    /**
     * Submits the job at {@code parallelism}; it restarts up to 5 times, 1 s apart, after a
     * failure, from its latest checkpoint; {@code resumeFrom} (a retained checkpoint or a
     * savepoint) or null.
     */
    JobID submit(MonitorJob job, int parallelism, String resumeFrom) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        job.build(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("GridWatch monitor (test)");
        if (resumeFrom != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(resumeFrom));
        }
        graph.serializeUserDefinedInstances();
        return cluster.submitJob(graph).get().getJobID();
    }

    /** Waits until the job has completed at least {@code n} checkpoints. */
    void awaitCheckpoints(JobID job, int n) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (completedCheckpoints(job) < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no " + n + " checkpoints within " + TIMEOUT + "\n" + whereItStands(job));
            }
            Thread.sleep(50);
        }
    }

    private long completedCheckpoints(JobID job) throws Exception {
        AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
        return graph.getCheckpointStatsSnapshot() == null
                ? 0
                : graph.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints();
    }

    /**
     * The size of one completed checkpoint as Flink's checkpoint statistics report it (the web UI's
     * "Full Checkpoint Data Size" and "Checkpointed Data Size").
     *
     * @param fullBytes all the state the checkpoint refers to, also files an earlier checkpoint
     *     uploaded
     * @param incrementalBytes what this checkpoint itself uploaded; the same as {@code fullBytes}
     *     unless the state backend checkpoints incrementally
     */
    record CheckpointSize(long id, long fullBytes, long incrementalBytes) {}

    /** The job's completed checkpoints that the statistics still remember, oldest first. */
    List<CheckpointSize> completedCheckpointSizes(JobID job) throws Exception {
        AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
        if (graph.getCheckpointStatsSnapshot() == null) {
            return List.of();
        }
        return graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints().stream()
                .filter(c -> c.getStatus() == CheckpointStatsStatus.COMPLETED)
                .map(
                        c ->
                                new CheckpointSize(
                                        c.getCheckpointId(),
                                        c.getStateSize(),
                                        c.getCheckpointedSize()))
                .sorted(Comparator.comparingLong(CheckpointSize::id))
                .toList();
    }

    /** How many checkpoints the job has completed so far. */
    int completedCheckpointCount(JobID job) throws Exception {
        return Math.toIntExact(completedCheckpoints(job));
    }

    void terminateTaskManager(int index) throws Exception {
        cluster.terminateTaskManager(index).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for the job to end and fails if it did not succeed; says whether it was restarted. */
    boolean awaitSuccess(JobID job) throws Exception {
        JobResult result;
        try {
            result = cluster.requestJobResult(job).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "the job did not end within " + TIMEOUT + "\n" + whereItStands(job), e);
        }
        if (result.getApplicationStatus() != ApplicationStatus.SUCCEEDED) {
            throw new AssertionError(
                    "the job ended " + result.getApplicationStatus(),
                    result.getSerializedThrowable()
                            .map(t -> t.deserializeError(getClass().getClassLoader()))
                            .orElse(null));
        }
        return cluster.getArchivedExecutionGraph(job).get().getFailureInfo() != null;
    }

    /**
     * What a job that did not end is doing: its state, the operators whose subtasks have not
     * finished, its latest failure, and the top of the stacks of the threads running its tasks. It
     * also goes to {@code target/stuck-jobs/}, where {@code .ci/run} prints it after a failed
     * build: where a job hangs on a slow CI machine and nowhere else, this is all that is left to
     * read.
     */
    private String whereItStands(JobID job) {
        StringBuilder s = new StringBuilder();
        try {
            AccessExecutionGraph graph = cluster.getExecutionGraph(job).get(10, TimeUnit.SECONDS);
            s.append("job ").append(graph.getState()).append(", ");
            s.append(completedCheckpoints(job)).append(" checkpoints completed\n");
            if (graph.getFailureInfo() != null) {
                String failure = graph.getFailureInfo().getExceptionAsString();
                s.append("latest failure: ");
                s.append(failure, 0, Math.min(failure.length(), 1500)).append('\n');
            }
            for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
                List<ExecutionState> states =
                        Arrays.stream(vertex.getTaskVertices())
                                .map(AccessExecutionVertex::getExecutionState)
                                .toList();
                if (states.stream().anyMatch(state -> state != ExecutionState.FINISHED)) {
                    s.append("not finished: ").append(vertex.getName()).append(' ');
                    s.append(states).append('\n');
                }
            }
        } catch (Exception e) {
            s.append("the job's graph could not be read: ").append(e).append('\n');
        }
        Thread.getAllStackTraces()
                .forEach(
                        (thread, stack) -> {
                            if (thread.getName().contains(TASK_THREAD_MARK)) {
                                s.append("thread \"").append(thread.getName()).append("\" ");
                                s.append(thread.getState()).append('\n');
                                Arrays.stream(stack)
                                        .limit(6)
                                        .forEach(f -> s.append("    at ").append(f).append('\n'));
                            }
                        });
        try {
            Path folder = Files.createDirectories(Path.of("target", "stuck-jobs"));
            Files.writeString(folder.resolve(job + ".txt"), s);
        } catch (IOException e) {
            s.append("(not written to target/stuck-jobs: ").append(e).append(")\n");
        }
        return s.toString();
    }

    void cancel(JobID job) throws Exception {
        cluster.cancelJob(job).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        cluster.requestJobResult(job).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        cluster.closeAsync().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
