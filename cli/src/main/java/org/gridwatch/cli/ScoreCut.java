package org.gridwatch.cli;

/**
 * Where to cut a ranking of scores so that at most a share of them lie above the cut: the
 * worklist's and the score history's cut in {@code evaluate} (a share of the honest customers), and
 * {@code alert-score}'s (a share of all customers, for the utility's own alert score).
 */
final class ScoreCut {
    private ScoreCut() {}

    /**
     * The highest of the ascending {@code scores} a cut must leave off so that at most {@code
     * share} of them are above it (ties at the cut are all left off); −1 when none need be.
     */
    static double above(double[] scores, double share) {
        int allowed = (int) Math.floor(share * scores.length);
        return allowed >= scores.length ? -1 : scores[scores.length - allowed - 1];
    }

    /** How many of the ascending {@code scores} are above {@code cut}. */
    static int countAbove(double[] scores, double cut) {
        int lo = 0;
        int hi = scores.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (scores[mid] <= cut) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return scores.length - lo;
    }
}
