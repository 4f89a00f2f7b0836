package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detectors on real households (the SGSC trial's, test resource households/): 35 households
 * copied 48 times with random day offsets and scales, a tenth of the copies attacked from day 60 of
 * 120 with every kind but BYPASS (which no meter shows). Issue 8 asks for an AUC of 0.95 at no more
 * than 2% false alarms; the detectors reach 0.825 on this draw (seed 1) today, 0.820 before the
 * case counted deviations in the customer's own net spread, 0.812 before an empty house switched
 * off was told from a meter scaled (docs/detection.md). This test holds the floor reached so that a
 * change cannot lose it unnoticed; the target is still open.
 */
class RealHouseholdDetectionTest {

    @Test
    void theftScoreRanksThievesAboveHonestHouseholds() {
        assertThat(Households.load().ids).hasSize(35);
        DetectionTrial trial = new DetectionTrial(120, 60, TheftEvidence.MIDPOINT);
        List<DetectionTrial.Outcome> outcomes = run(trial);

        assertThat(DetectionTrial.auc(outcomes)).as(trial.report(outcomes)).isGreaterThan(0.82);
    }

    /**
     * The same draw with the thieves starting on day 20, a day before a customer's days are first
     * scored: the usual day must not have learned the theft by then. Until session 18 (the usual
     * day protected from 30 days known, not 14) this draw's AUC was 0.669 (through the real job,
     * where a customer without an alert scores 0, below 0.5); now 0.815 (docs/detection.md, "A
     * theft in the customer's first weeks"). The test holds most of the gain.
     */
    @Test
    void aTheftFromTheTwentiethDayStillRanksThievesAboveHonestHouseholds() {
        DetectionTrial trial = new DetectionTrial(120, 20, TheftEvidence.MIDPOINT);
        List<DetectionTrial.Outcome> outcomes = run(trial);

        assertThat(DetectionTrial.auc(outcomes)).as(trial.report(outcomes)).isGreaterThan(0.78);
    }

    /**
     * The same draw in areas with a transformer meter (70 households an area, {@link
     * DetectionTrial.Peers#AREAS}): a household that uses less draws less from the transformer, a
     * meter made to read less does not, so the area's supply clears a drop it fell with
     * (docs/detection.md, session 35). Before that clearing 17.50% of the honest households were
     * alarmed at some time after day 60, with an AUC of 0.8358; with it 13.84% and 0.8422. The test
     * holds most of the gain: it fails at the old rule's 17.5%.
     */
    @Test
    void anAreasSupplyClearsHouseholdsThatUseLess() {
        DetectionTrial trial =
                new DetectionTrial(120, 60, TheftEvidence.MIDPOINT, DetectionTrial.Peers.AREAS);
        trial.seed = 1;
        List<DetectionTrial.Outcome> outcomes = run(trial);

        assertThat(trial.falseAlarmRate(outcomes)).as(trial.report(outcomes)).isLessThan(0.15);
        assertThat(DetectionTrial.auc(outcomes)).as(trial.report(outcomes)).isGreaterThan(0.835);
    }

    /** The draw of the tests: 48 copies, a tenth attacked with every kind but BYPASS, seed 1. */
    private static List<DetectionTrial.Outcome> run(DetectionTrial trial) {
        Households h = Households.load();
        List<AttackKind> kinds = new ArrayList<>(Arrays.asList(AttackKind.values()));
        kinds.remove(AttackKind.BYPASS);
        return trial.run(h, trial.fleet(h, 48, 0.1, kinds, 1));
    }
}
