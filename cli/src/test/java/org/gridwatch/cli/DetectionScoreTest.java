package org.gridwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridwatch.core.detect.AttackKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionScoreTest {

    @TempDir Path dir;

    private Path write(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void scoresAlertsAgainstTheTruthByHand() throws Exception {
        Path customers =
                write(
                        "customers.jsonl",
                        "{\"customerId\":\"C1\",\"areaId\":\"A1\"}",
                        "{\"customerId\":\"C2\",\"areaId\":\"A1\"}",
                        "{\"customerId\":\"C3\",\"areaId\":\"A1\"}",
                        "{\"customerId\":\"C4\",\"areaId\":\"A3\"}",
                        "{\"customerId\":\"C5\",\"areaId\":\"A2\"}");
        Path truth =
                write(
                        "truth.jsonl",
                        "{\"type\":\"run\",\"start\":\"2026-01-01\",\"days\":90}",
                        "{\"type\":\"theft\",\"customerId\":\"C1\",\"areaId\":\"A1\",\"attack\":\"scale\",\"start\":\"2026-02-15\"}",
                        "{\"type\":\"theft\",\"customerId\":\"C2\",\"areaId\":\"A1\",\"attack\":\"reversed\",\"start\":\"2026-02-15\"}",
                        "{\"type\":\"theft\",\"customerId\":\"C5\",\"areaId\":\"A2\",\"attack\":\"bypass\",\"start\":\"2026-02-15\"}",
                        "{\"type\":\"stolen\",\"customerId\":\"C5\"}");
        Path alerts =
                write(
                        "alerts.jsonl",
                        // C1: a false alarm before the theft, then the real one five days in
                        "{\"alertId\":\"theft:C1:20260201\",\"customerId\":\"C1\",\"areaId\":\"A1\",\"type\":\"THEFT\",\"score\":0.3}",
                        "{\"alertId\":\"theft:C1:20260220\",\"customerId\":\"C1\",\"areaId\":\"A1\",\"type\":\"THEFT\",\"score\":0.8}",
                        // C3 is honest: a false alarm
                        "{\"alertId\":\"theft:C3:20260220\",\"customerId\":\"C3\",\"areaId\":\"A1\",\"type\":\"THEFT\",\"score\":0.6}",
                        "{\"alertId\":\"area-loss:A2:20260218\",\"customerId\":null,\"areaId\":\"A2\",\"type\":\"AREA_LOSS\",\"score\":0.9,\"evidence\":{\"suspects\":\"C5 0.02, C4 0.01\"}}",
                        // A3 (only C4, honest) has no thief: a false alarm of the area's
                        "{\"alertId\":\"area-loss:A3:20260301\",\"customerId\":null,\"areaId\":\"A3\",\"type\":\"AREA_LOSS\",\"score\":0.6,\"evidence\":{\"suspects\":\"C4 0.10\"}}");

        DetectionScore s = DetectionScore.of(customers, truth, alerts);

        assertThat(s.kinds.get(AttackKind.SCALE).found()).isEqualTo(1);
        assertThat(s.kinds.get(AttackKind.SCALE).medianDays()).isEqualTo(5.0);
        assertThat(s.kinds.get(AttackKind.REVERSED).found()).isZero();
        assertThat(s.kinds.get(AttackKind.BYPASS).thieves()).isEqualTo(1);
        assertThat(s.honest).isEqualTo(2);
        assertThat(s.falseAlarms).isEqualTo(1);
        // thieves score {0.8, 0, 0} against honest {0.6, 0}:
        // 0.8 beats both (2); each 0 loses to 0.6 and ties 0 (0.5 each): 3 of 6 pairs
        assertThat(s.auc).isCloseTo(3.0 / 6, within(1e-12));
        // without the bypass: {0.8, 0} against {0.6, 0}: 2 + 0.5 of 4 pairs
        assertThat(s.aucWithoutBypass).isCloseTo(2.5 / 4, within(1e-12));
        assertThat(s.bypassAreasFlagged).isEqualTo(1);
        assertThat(s.table())
                .contains(
                        "AREA_LOSS: 2 alerts; 1 of 1 areas with a bypass flagged; 1 of 1 areas"
                                + " without a thief; its suspects: 1 of 3 named steal, a bypass"
                                + " thief among them in 1 of the 1 flagged");
        assertThat(s.table()).contains("| scale | level | 1 | 1 | 1.000 | 5.0 |");
        assertThat(s.ranking()).isNull();
        assertThat(s.table()).doesNotContain("theft-scores.jsonl");

        // Every customer's last score; C4 (honest) has none and counts 0.
        Path scores =
                write(
                        "theft-scores.jsonl",
                        "{\"customerId\":\"C1\",\"score\":0.81}",
                        "{\"customerId\":\"C2\",\"score\":0.3}",
                        "{\"customerId\":\"C3\",\"score\":0.45}",
                        "{\"customerId\":\"C5\",\"score\":0.02}");
        DetectionScore.ScoreRanking r = s.withScores(scores).ranking();
        // thieves {0.81, 0.3, 0.02} against honest {0.45, 0}: 0.81 beats both (2), 0.3 beats 0
        // (1), 0.02 beats 0 (1): 4 of 6 pairs; without the bypass (C5) 3 of 4
        assertThat(r.auc()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(r.aucWithoutBypass()).isCloseTo(3.0 / 4, within(1e-12));
        // 2% of 2 honest is 0: the worklist leaves off the highest honest score, 0.45
        assertThat(r.cut()).isEqualTo(0.45);
        assertThat(r.honestAbove()).isZero();
        assertThat(r.kindsAbove().get(AttackKind.SCALE)).containsExactly(1, 1);
        assertThat(r.kindsAbove().get(AttackKind.REVERSED)).containsExactly(1, 0);
        assertThat(r.kindsAbove().get(AttackKind.BYPASS)).containsExactly(1, 0);
        // each kind against the honest {0.45, 0}: scale 0.81 beats both (1), reversed 0.3 and
        // bypass 0.02 beat one (0.5)
        assertThat(r.kindAuc().get(AttackKind.SCALE)).isEqualTo(1.0);
        assertThat(r.kindAuc().get(AttackKind.REVERSED)).isEqualTo(0.5);
        assertThat(r.kindAuc().get(AttackKind.BYPASS)).isEqualTo(0.5);
        assertThat(s.table())
                .contains("AUC 0.6667 (0.7500 without bypass)")
                .contains("| scale | 1 | 1 | 1.000 | 1.0000 |")
                .contains("| bypass | 1 | 0 | 0.000 | 0.5000 |");
    }

    /** 2% of 100 honest customers: the worklist may hold two; ties at the cut are left off. */
    @Test
    void theWorklistHoldsAtMostTwoInAHundredHonest() throws Exception {
        StringBuilder customers = new StringBuilder();
        StringBuilder scores = new StringBuilder();
        for (int i = 1; i <= 101; i++) {
            customers.append("{\"customerId\":\"C").append(i).append("\"}\n");
            // honest C1..C100 score i / 1000, but C97 ties with C98 at 0.098; the thief C101 0.0975
            double score = i == 97 ? 0.098 : i == 101 ? 0.0975 : i / 1000.0;
            scores.append("{\"customerId\":\"C")
                    .append(i)
                    .append("\",\"score\":")
                    .append(score)
                    .append("}\n");
        }
        Path c = Files.writeString(dir.resolve("customers.jsonl"), customers);
        Path t =
                write(
                        "truth.jsonl",
                        "{\"type\":\"run\",\"start\":\"2026-01-01\",\"days\":90}",
                        "{\"type\":\"theft\",\"customerId\":\"C101\",\"areaId\":\"A1\",\"attack\":\"cap\",\"start\":\"2026-02-15\"}");
        Path a = write("alerts.jsonl", "");
        Path s = Files.writeString(dir.resolve("theft-scores.jsonl"), scores);
        DetectionScore.ScoreRanking r = DetectionScore.of(c, t, a).withScores(s).ranking();
        // on it: C99 (0.099) and C100 (0.100); the third highest, 0.098, is C97's and C98's
        assertThat(r.cut()).isEqualTo(0.098);
        assertThat(r.honestAbove()).isEqualTo(2);
        assertThat(r.kindsAbove().get(AttackKind.CAP)).containsExactly(1, 0);
    }

    /**
     * Every published score: 2% of 100 honest may be above the cut at some time, so it is the third
     * highest honest peak; a thief counts from its first rise above it on or after its first day of
     * theft, as an alert opened then would.
     */
    @Test
    void theScoreHistoryFindsTheCutForTwoInAHundredHonestAndTheDaysToIt() throws Exception {
        StringBuilder customers = new StringBuilder();
        StringBuilder history = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            customers.append("{\"customerId\":\"C").append(i).append("\"}\n");
            // honest peaks: 0.05 for C1..C97, 0.2 (C98), 0.3 (C99), 0.4 (C100), each once in
            // January and back to 0.01 after
            double peak = i == 98 ? 0.2 : i == 99 ? 0.3 : i == 100 ? 0.4 : 0.05;
            history.append(line("C" + i, "2026-01-20", peak))
                    .append(line("C" + i, "2026-01-25", 0.01));
        }
        for (int i = 1; i <= 5; i++) {
            customers.append("{\"customerId\":\"T").append(i).append("\"}\n");
        }
        // T1 rises above 0.2 on 18 Feb (its line stamped at the close, 19 Feb 02:00): 3 days
        history.append(line("T1", "2026-02-11", 0.1)).append(line("T1", "2026-02-19", 0.25));
        // T2 was above it before its theft began and stayed: no rise to count (an alert open
        // before the theft does not find it)
        history.append(line("T2", "2026-02-02", 0.5));
        // T3 too, but fell below and rose again on 25 Feb: 10 days
        history.append(line("T3", "2026-02-02", 0.5))
                .append(line("T3", "2026-02-11", 0.1))
                .append(line("T3", "2026-02-26", 0.3));
        // T4 never above it (0.2 is not above 0.2); T5 never scored
        history.append(line("T4", "2026-02-21", 0.2));
        Path c = Files.writeString(dir.resolve("customers.jsonl"), customers);
        Path t =
                write(
                        "truth.jsonl",
                        "{\"type\":\"run\",\"start\":\"2026-01-01\",\"days\":90}",
                        theft("T1", "scale"),
                        theft("T2", "scale"),
                        theft("T3", "scale"),
                        theft("T4", "ramp"),
                        theft("T5", "ramp"));
        Path a = write("alerts.jsonl", "");
        Path h = Files.writeString(dir.resolve("theft-score-history.jsonl"), history);

        DetectionScore.ScoreHistory r = DetectionScore.of(c, t, a).withScoreHistory(h).history();

        assertThat(r.cut()).isEqualTo(0.2);
        assertThat(r.honestAbove()).isEqualTo(2);
        assertThat(r.honest()).isEqualTo(100);
        DetectionScore.Kind scale = r.kinds().get(AttackKind.SCALE);
        assertThat(scale.thieves()).isEqualTo(3);
        assertThat(scale.found()).isEqualTo(2);
        assertThat(scale.medianDays()).isEqualTo(6.5); // (3 + 10) / 2
        DetectionScore.Kind ramp = r.kinds().get(AttackKind.RAMP);
        assertThat(ramp.found()).isZero();
        assertThat(ramp.medianDays()).isNaN();
        assertThat(DetectionScore.of(c, t, a).withScoreHistory(h).table())
                .contains("above 0.200, 2 of 100 honest customers at some time (2.00%)")
                .contains("| scale | level | 3 | 2 | 0.667 | 6.5 |")
                .contains("| ramp | level | 2 | 0 | 0.000 | - |");
    }

    private static String line(String customer, String closedOn, double score) {
        return "{\"areaId\":\"A1\",\"customerId\":\""
                + customer
                + "\",\"score\":"
                + score
                + ",\"ts\":\""
                + closedOn
                + "T02:00:00+08:00\"}\n";
    }

    private static String theft(String customer, String attack) {
        return "{\"type\":\"theft\",\"customerId\":\""
                + customer
                + "\",\"areaId\":\"A1\",\"attack\":\""
                + attack
                + "\",\"start\":\"2026-02-15\"}";
    }
}
