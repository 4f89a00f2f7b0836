package org.gridwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.gridwatch.core.codec.EventJson;
import org.gridwatch.core.event.TheftScore;
import org.gridwatch.jobs.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A replay's theft scores: each customer's last, and with the history every one published. */
class ScoreHistoryFileTest {

    @RegisterExtension static final MiniClusterExtension FLINK = LocalCluster.twoSlots();

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final long DAY = 86_400_000L;

    @TempDir Path dir;

    private static final List<TheftScore> PUBLISHED =
            List.of(
                    new TheftScore("C1", "A1", 10 * DAY, 0.0, null),
                    new TheftScore("C2", "A1", 10 * DAY, 0.02, null),
                    new TheftScore("C1", "A1", 30 * DAY, 0.31, null),
                    new TheftScore("C1", "A1", 40 * DAY, 0.62, "theft:C1:19700210"));

    @Test
    @Timeout(120)
    void theHistoryHoldsEveryScorePublishedBesideEachCustomersLast() throws Exception {
        write(Path.of(dir.toString(), "with"), true);
        write(Path.of(dir.toString(), "without"), false);

        EventJson json = new EventJson(ZONE);
        Path with = dir.resolve("with");
        assertThat(lines(with.resolve(FileOutputs.SCORE_HISTORY_FILE)))
                .containsExactlyInAnyOrderElementsOf(
                        PUBLISHED.stream().map(json::theftScore).toList());
        List<String> last =
                List.of(json.theftScore(PUBLISHED.get(3)), json.theftScore(PUBLISHED.get(1)));
        assertThat(lines(with.resolve("theft-scores.jsonl")))
                .containsExactlyInAnyOrderElementsOf(last);
        Path without = dir.resolve("without");
        assertThat(lines(without.resolve("theft-scores.jsonl")))
                .containsExactlyInAnyOrderElementsOf(last);
        assertThat(without.resolve(FileOutputs.SCORE_HISTORY_FILE)).doesNotExist();
    }

    private static void write(Path out, boolean history) throws Exception {
        Files.createDirectories(out);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        new FileOutputs(out, ZONE, history)
                .theftScores(
                        env.fromData(PUBLISHED)
                                .assignTimestampsAndWatermarks(
                                        WatermarkStrategy.<TheftScore>forMonotonousTimestamps()
                                                .withTimestampAssigner((s, ts) -> s.tsMillis())));
        env.execute("theft scores to files");
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
