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
                        "{\"customerId\":\"C1\"}",
                        "{\"customerId\":\"C2\"}",
                        "{\"customerId\":\"C3\"}",
                        "{\"customerId\":\"C4\"}",
                        "{\"customerId\":\"C5\"}");
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
                        "{\"alertId\":\"area-loss:A2:20260218\",\"customerId\":null,\"areaId\":\"A2\",\"type\":\"AREA_LOSS\",\"score\":0.9}");

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
        assertThat(s.table()).contains("| scale | level | 1 | 1 | 1.000 | 5.0 |");
    }
}
