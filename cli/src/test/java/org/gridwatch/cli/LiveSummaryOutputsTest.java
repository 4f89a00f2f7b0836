package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.jobs.MonitorJob;
import org.gridwatch.jobs.MonitorSettings;
import org.gridwatch.jobs.io.FileInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveSummaryOutputsTest {

    @TempDir Path dir;

    @Test
    void dropsWhatTheTerminalDoesNotShowInTheTaskThatMakesItBeforeTheNetwork() throws Exception {
        Files.writeString(dir.resolve("customers.jsonl"), "");
        Files.writeString(dir.resolve("readings.jsonl"), "");
        List<String> tasks = new ArrayList<>();
        try (LiveSummary summary = LiveSummary.open(Duration.ofDays(7))) {
            StreamExecutionEnvironment env = new StreamExecutionEnvironment();
            env.setParallelism(2);
            new MonitorJob(
                            new FileInputs(dir),
                            new LiveSummaryOutputs(summary),
                            MonitorSettings.DEFAULT)
                    .build(env);
            JobGraph graph = env.getStreamGraph().getJobGraph();
            for (JobVertex task : graph.getVertices()) {
                tasks.add(task.getName());
            }
        }

        // The load's points (with their time-of-use split) are filtered in the load's own task:
        // one task (job vertex) holds both, chained, so the split never reaches the network.
        assertThat(tasks)
                .anySatisfy(
                        task ->
                                assertThat(task)
                                        .contains("load per area and class, 15 min")
                                        .contains("what the terminal shows"));
        assertThat(tasks).noneMatch(task -> task.startsWith("what the terminal shows"));
    }
}
