package org.gridwatch.core.value;

import java.io.Serializable;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.event.CreditGrade;

/**
 * The thresholds of the credit score, as configuration. The defaults follow the shape of Chinese
 * provincial power-customer credit rules (a start score, grades by score band, time-limited
 * demerits, credit back for good behaviour); the numbers themselves are ours, chosen so that the
 * hand-computed cases in {@code CreditRecordTest} read naturally, and are meant to be tuned.
 *
 * @param startScore a new customer's score: 80, the middle of grade B, because nothing is known
 *     about a new customer yet, neither good nor bad
 * @param gradeAMin score from which a customer is grade A: 90
 * @param gradeBMin score from which a customer is grade B (below is C): 70
 * @param lateShortMaxDays a late payment up to this many days past due is a short delay: 15, half a
 *     billing month
 * @param lateMediumMaxDays up to this many days a medium delay, beyond it a long one: 30, a month
 * @param lateShortPoints demerit for a short delay: 3, a forgotten payment costs a little
 * @param lateMediumPoints demerit for a medium delay: 6
 * @param lateLongPoints demerit for a long delay: 12, more than a month is a habit or a problem
 * @param unpaidPoints demerit each time a bill is still unpaid when the next bill is issued: 10
 * @param bouncedPoints demerit for a bounced payment (a reversal): 8, money promised and not paid
 * @param theftPoints demerit for confirmed theft: 30; it lasts as long as the theft lock
 * @param demeritLifeMillis how long a payment demerit counts: 365 days; a year of good behaviour
 *     clears a bad month, as provincial rules let records expire
 * @param onTimeCreditPoints credit back per bill paid on time: 2
 * @param onTimeCreditCap the most an on-time streak can add: 10, so a perfect payer from the start
 *     score reaches 90, grade A, after five bills
 * @param autoCDaysPastDue days past due from which the grade is C whatever the score: 90, "bills
 *     unpaid for three months"
 * @param theftLockMillis after confirmed theft the grade is C, with no promotion, for this long: 2
 *     years (730 days)
 */
public record CreditRules(
        int startScore,
        int gradeAMin,
        int gradeBMin,
        int lateShortMaxDays,
        int lateMediumMaxDays,
        int lateShortPoints,
        int lateMediumPoints,
        int lateLongPoints,
        int unpaidPoints,
        int bouncedPoints,
        int theftPoints,
        long demeritLifeMillis,
        int onTimeCreditPoints,
        int onTimeCreditCap,
        int autoCDaysPastDue,
        long theftLockMillis)
        implements Serializable {

    private static final long MILLIS_PER_DAY = BillingCalendar.MILLIS_PER_DAY;

    public static final CreditRules DEFAULTS =
            new CreditRules(
                    80,
                    90,
                    70,
                    15,
                    30,
                    3,
                    6,
                    12,
                    10,
                    8,
                    30,
                    365 * MILLIS_PER_DAY,
                    2,
                    10,
                    90,
                    730 * MILLIS_PER_DAY);

    public CreditRules {
        if (!(0 <= gradeBMin && gradeBMin < gradeAMin && gradeAMin <= 100)) {
            throw new IllegalArgumentException("need 0 <= gradeBMin < gradeAMin <= 100");
        }
        if (startScore < 0 || startScore > 100) {
            throw new IllegalArgumentException("startScore must be 0..100");
        }
        if (!(0 < lateShortMaxDays && lateShortMaxDays < lateMediumMaxDays)) {
            throw new IllegalArgumentException("need 0 < lateShortMaxDays < lateMediumMaxDays");
        }
        if (demeritLifeMillis <= 0 || theftLockMillis <= 0 || autoCDaysPastDue <= 0) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    /** The grade of a score, without the overrides (arrears, theft) a record applies. */
    public CreditGrade gradeOf(int score) {
        if (score >= gradeAMin) {
            return CreditGrade.A;
        }
        return score >= gradeBMin ? CreditGrade.B : CreditGrade.C;
    }

    /** The demerit for paying a bill this many whole days after its due date (0 if on time). */
    public int latePoints(long daysLate) {
        if (daysLate <= 0) {
            return 0;
        }
        if (daysLate <= lateShortMaxDays) {
            return lateShortPoints;
        }
        return daysLate <= lateMediumMaxDays ? lateMediumPoints : lateLongPoints;
    }
}
