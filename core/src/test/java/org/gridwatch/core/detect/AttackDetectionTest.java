package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.junit.jupiter.api.Test;

/**
 * One synthetic steady household through the detectors as the monitor job runs them (its own
 * baseline, the peers' median taken out, the case): honest for 40 days, then attacked. Each attack
 * family must open an alert within 14 days; the honest customer alone must never.
 */
class AttackDetectionTest {
    private static final long DAY0 = LocalDate.of(2026, 1, 5).toEpochDay();
    private static final int HONEST_DAYS = 40;
    private static final int DEADLINE_DAYS = 14;
    private static final Customer HOUSE =
            new Customer(
                    "C1",
                    "M1",
                    CustomerClass.RESIDENTIAL,
                    "A1",
                    "t",
                    false,
                    Double.NaN,
                    Customer.UNKNOWN_SINCE);

    /** Peak 08-11 and 17-23. */
    private static final boolean[] PEAK = new boolean[24];

    private static final double[] PRICES = new double[24];

    static {
        for (int h = 0; h < 24; h++) {
            PEAK[h] = h >= 8 && h < 11 || h >= 17 && h < 23;
            PRICES[h] = PEAK[h] ? 0.8 : 0.5;
        }
    }

    /** Standby load, kWh an hour: a third of the usual day's mean hour (0.704 kWh). */
    private static final double STANDBY = 0.3;

    /**
     * A household's day: night standby 00-06, a morning bump 06-09 (0.8), a daytime lull 09-17
     * (0.5), an evening peak 17-22 (1.5), late 22-24 (0.6): 16.9 kWh; each day scaled by 1 ± 0.05
     * and each hour by 1 ± 0.04, deterministically.
     */
    private static double[] honest(int d) {
        return honest(d, STANDBY);
    }

    private static double[] honest(int d, double standby) {
        double[] x = new double[24];
        double dayFactor = 1 + 0.05 * Math.sin(1.7 * d);
        for (int h = 0; h < 24; h++) {
            double base = h < 6 ? standby : h < 9 ? 0.8 : h < 17 ? 0.5 : h < 22 ? 1.5 : 0.6;
            x[h] = base * dayFactor * (1 + 0.04 * Math.sin(0.9 * d + 1.3 * h));
        }
        return x;
    }

    /**
     * Runs the customer for {@code days}, attacked from {@code HONEST_DAYS} if given; the alerts.
     */
    private static List<Alert> run(int days, TheftAttack attack) {
        return run(days, attack, STANDBY);
    }

    private static List<Alert> run(int days, TheftAttack attack, double standby) {
        return run(days, attack, standby, HONEST_DAYS);
    }

    private static List<Alert> run(int days, TheftAttack attack, double standby, int honestDays) {
        UsageBaseline baseline = new UsageBaseline();
        TheftCase theftCase = new TheftCase();
        List<Alert> alerts = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            double[] x = honest(d, standby);
            if (attack != null && d >= honestDays) {
                x = attack.apply(x, d - honestDays, null, null, null);
            }
            long epochDay = DAY0 + d;
            DayOfWeek dow = LocalDate.ofEpochDay(epochDay).getDayOfWeek();
            boolean rest = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            DayReport r =
                    DayJudge.close(
                            baseline,
                            Days.hourly(epochDay, x),
                            HOUSE,
                            rest,
                            PEAK,
                            PRICES,
                            (epochDay + 1) * Days.DAY);
            List<double[]> peers = r.scored() ? List.of(r.z()) : List.of();
            Alert a = theftCase.onDay(r, PeerGroup.net(r.z(), PeerGroup.medianZ(peers)));
            if (a != null) {
                alerts.add(a);
            }
        }
        return alerts;
    }

    private static void assertOpensWithinDeadline(TheftAttack attack) {
        assertOpensWithinDeadline(attack, STANDBY);
    }

    private static void assertOpensWithinDeadline(TheftAttack attack, double standby) {
        assertOpensWithinDeadline(attack, standby, HONEST_DAYS);
    }

    private static void assertOpensWithinDeadline(
            TheftAttack attack, double standby, int honestDays) {
        List<Alert> alerts = run(honestDays + DEADLINE_DAYS, attack, standby, honestDays);
        assertThat(alerts).as("alerts of %s", attack.kind()).isNotEmpty();
        Alert first = alerts.get(0);
        assertThat(first.status()).isEqualTo(AlertStatus.OPEN);
        long openedOn = (first.tsMillis() / Days.DAY) - 1;
        assertThat(openedOn).as("not before the attack").isGreaterThanOrEqualTo(DAY0 + honestDays);
    }

    @Test
    void theHonestCustomerAloneNeverOpensAnAlert() {
        assertThat(run(200, null)).isEmpty();
    }

    @Test
    void scaleAtHalfOpensAnAlertWithinFourteenDays() {
        assertOpensWithinDeadline(new TheftAttack(AttackKind.SCALE, 0.5, 0, 1));
    }

    @Test
    void scaleAtHalfOpensAnAlertWithinFourteenDaysForALowStandbyHousehold() {
        // standby 0.1: the usual mean hour 15.7 / 24 = 0.654; scaled 0.33 > 1.5 × 0.1, not absent
        assertOpensWithinDeadline(new TheftAttack(AttackKind.SCALE, 0.5, 0, 1), 0.1);
        assertThat(run(200, null, 0.1)).as("honest, the same household").isEmpty();
    }

    /**
     * A theft that begins on the customer's 20th day, a day before its days are first scored
     * ({@link TheftEvidence#MIN_HISTORY_DAYS}) and within its first month: the baseline must judge
     * the halved days against the 20 honest ones, not learn them as its usual (with learning
     * protected only from 30 days known, the usual day took in the theft and no alert opened).
     */
    @Test
    void scaleAtHalfFromTheTwentiethDayOpensAnAlertWithinFourteenDays() {
        assertOpensWithinDeadline(new TheftAttack(AttackKind.SCALE, 0.5, 0, 1), STANDBY, 20);
    }

    @Test
    void aZeroWindowFromTheTwentiethDayOpensAnAlertWithinFourteenDays() {
        assertOpensWithinDeadline(
                new TheftAttack(AttackKind.ZERO_WINDOW, Double.NaN, 0, 7), STANDBY, 20);
    }

    @Test
    void aZeroWindowOpensAnAlertWithinFourteenDays() {
        assertOpensWithinDeadline(new TheftAttack(AttackKind.ZERO_WINDOW, Double.NaN, 0, 7));
    }

    @Test
    void aFlatMeanOpensAnAlertWithinFourteenDays() {
        assertOpensWithinDeadline(new TheftAttack(AttackKind.FLAT_MEAN, Double.NaN, 0, 1));
    }

    @Test
    void aCapAtHalfTheMaximumOpensAnAlertWithinFourteenDays() {
        assertOpensWithinDeadline(new TheftAttack(AttackKind.CAP, 0.5, 0, 1));
    }
}
