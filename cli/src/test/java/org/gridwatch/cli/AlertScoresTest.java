package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertScoresTest {
    @TempDir Path dir;

    /**
     * Ten customers C0..C9 over three days (1–3 January 2026: each score line stamped with its
     * day's close, 02:00 the next day), each reaching 0.0, 0.1, ..., 0.8, and C9 0.95 on its last
     * day after lower scores. A score is written when it moved by 0.01 or more, so a customer may
     * have been up to 0.01 above its highest written. By hand: at most 10% (1 customer) leaves off
     * the 9th highest, 0.8, so the alert score is 0.801 + 0.01 = 0.811, and only C9 (0.95) may have
     * reached it (0.801 or more written), 1 × 30 / 3 = 10.0 a month; at most 20% leaves off 0.7:
     * 0.711, C8 and C9; at most 5% (none) leaves off 0.95: 0.961, none.
     */
    @Test
    void findsTheLeastAlertScoreThatAtMostTheShareReached() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            double top = c == 9 ? 0.95 : c / 10.0;
            lines.add(line(c, 1, 0.0));
            lines.add(line(c, 2, top / 2));
            lines.add(line(c, 3, top));
        }
        AlertScores scores = AlertScores.read(write(lines));
        assertThat(scores.customers()).isEqualTo(10);
        assertThat(scores.days()).isEqualTo(3);
        assertThat(scores.alertScoreFor(0.1)).isEqualTo(0.811);
        assertThat(scores.reaching(0.811)).isEqualTo(1);
        assertThat(scores.alertScoreFor(0.2)).isEqualTo(0.711);
        assertThat(scores.reaching(0.711)).isEqualTo(2);
        assertThat(scores.alertScoreFor(0.05)).isEqualTo(0.961);
        assertThat(scores.reaching(0.961)).isZero();
        assertThat(scores.table(List.of(0.1)))
                .isEqualTo(
                        "10 customers' theft scores from 2026-01-01 to 2026-01-03 (3 days)\n"
                                + "| at most this share alerted | --theft-alert-score | customers"
                                + " alerted, at most | a 30-day month |\n"
                                + "| ---: | ---: | ---: | ---: |\n"
                                + "| 10% | 0.811 | 1 | 10.0 |\n");
    }

    /**
     * Four customers all at 0.5: at most half of them (two) leaves off 0.5, and every customer at
     * it, so 0.511 alerts none. Two of three at 0.9995 with at most half of them allowed (one): no
     * alert score below 1 leaves one of them off.
     */
    @Test
    void leavesTiesAtTheCutOffAndSaysWhenNoScoreBelowOneWill() throws Exception {
        AlertScores ties =
                AlertScores.read(
                        write(
                                List.of(
                                        line(0, 1, 0.5),
                                        line(1, 1, 0.5),
                                        line(2, 1, 0.5),
                                        line(3, 1, 0.5))));
        assertThat(ties.alertScoreFor(0.5)).isEqualTo(0.511);
        assertThat(ties.reaching(0.511)).isZero();
        AlertScores thieves =
                AlertScores.read(
                        write(List.of(line(0, 1, 0.2), line(1, 1, 0.9995), line(2, 1, 0.9995))));
        assertThat(thieves.alertScoreFor(0.5)).isNaN();
        assertThat(thieves.table(List.of(0.5))).contains("| 50% | none below 1 | - | - |");
    }

    @Test
    void saysWhichLineIsNotATheftScore() throws Exception {
        Path file =
                write(
                        List.of(
                                line(0, 1, 0.5),
                                "{\"customerId\":\"C1\",\"score\":0.2,\"ts\":\"yesterday\"}"));
        CommandRun run = CommandRun.of("alert-score", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "gridwatch alert-score: not a timestamp with an offset in "
                                + file
                                + ": {\"customerId\":\"C1\",\"score\":0.2,\"ts\":\"yesterday\"}");
        write(List.of("{\"customerId\":\"C1\",\"score\":0.2}"));
        assertThat(CommandRun.of("alert-score", "--out", dir.toString()).err())
                .contains("not a theft score (customerId, score, ts) in " + file);
    }

    @Test
    void theCommandSaysHowToWriteTheHistoryWhenThereIsNone() {
        CommandRun run = CommandRun.of("alert-score", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("no file " + dir.resolve("theft-score-history.jsonl"))
                .contains("--score-history first");
    }

    @Test
    void theCommandRefusesAShareThatIsNotAPercentage() throws Exception {
        write(List.of(line(0, 1, 0.5)));
        CommandRun run = CommandRun.of("alert-score", "--out", dir.toString(), "--share", "100");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--share 100.0 is not a percentage above 0 and below 100");
    }

    private Path write(List<String> lines) throws Exception {
        Path file = dir.resolve("theft-score-history.jsonl");
        Files.write(file, lines);
        return file;
    }

    private static String line(int customer, int day, double score) {
        return String.format(
                java.util.Locale.ROOT,
                "{\"areaId\":\"A1\",\"customerId\":\"C%d\",\"score\":%s,"
                        + "\"ts\":\"2026-01-%02dT02:00:00+08:00\"}",
                customer,
                score,
                day + 1);
    }
}
