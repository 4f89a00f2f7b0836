package org.gridwatch.simulator;

import java.util.SplittableRandom;
import org.gridwatch.core.detect.AttackKind;
import org.gridwatch.core.detect.TheftAttack;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.MeterEvent;

/**
 * One customer who steals from a day of the run: the attack (core's {@link TheftAttack}), the
 * evidence its meter leaves, and the day being simulated: its honest quarter hours, computed before
 * any of them is sent, and what the meter reports of them.
 */
final class Thief {
    /** Share of thieves whose meter flags the tampering on the attack's first reading. */
    static final double TAMPER_SHARE = 0.3;

    /** Share of thieves whose register is wound back once. */
    static final double ROLLBACK_SHARE = 0.1;

    /** The rollback comes 0 to this many days after the start (not after the run's last day). */
    static final int ROLLBACK_WITHIN_DAYS = 14;

    /** The register goes back by 2 to 10 days of the customer's average use. */
    static final double MIN_ROLLBACK_DAYS = 2;

    static final double MAX_ROLLBACK_DAYS = 10;

    /** BYPASS: the load around the meter is 30% to 80% of the metered (honest) load. */
    static final double MIN_BYPASS = 0.3;

    static final double MAX_BYPASS = 0.8;

    final SimulatedCustomer customer;
    final TheftAttack attack;
    final int startDay;

    /** COVER_OPEN or MAGNETIC_TAMPER on the first reading of the start day, or null. */
    final MeterEvent tamper;

    /** The day of the register's rollback (on its first reading), or -1. */
    final int rollbackDay;

    /** How far the register goes back, Wh; 0 without a rollback. */
    final long rollbackWh;

    /** BYPASS: the stolen load as a share of the honest load; NaN for the other kinds. */
    final double bypassShare;

    // The day being simulated.
    boolean active;
    int dayOfAttack;
    long[] honestWh = new long[0];
    long[] reportedWh = new long[0];

    // Totals over the attack.
    long trueWh;
    long meteredWh;
    long bypassTotalWh;

    /**
     * Draws the thief's parameters, always in the same order whatever the kind, from its own
     * stream.
     */
    Thief(
            SimulatedCustomer c,
            AttackKind kind,
            int firstDay,
            int spreadDays,
            int days,
            SplittableRandom r) {
        customer = c;
        attack = TheftAttack.draw(kind, r);
        startDay = firstDay + r.nextInt(spreadDays + 1);
        double tamperDraw = r.nextDouble();
        boolean magnetic = r.nextBoolean();
        double rollbackDraw = r.nextDouble();
        int rollbackOffset = r.nextInt(ROLLBACK_WITHIN_DAYS + 1);
        double rollbackDays =
                MIN_ROLLBACK_DAYS + (MAX_ROLLBACK_DAYS - MIN_ROLLBACK_DAYS) * r.nextDouble();
        double bypass = MIN_BYPASS + (MAX_BYPASS - MIN_BYPASS) * r.nextDouble();
        tamper =
                tamperDraw < TAMPER_SHARE
                        ? magnetic ? MeterEvent.MAGNETIC_TAMPER : MeterEvent.COVER_OPEN
                        : null;
        if (rollbackDraw < ROLLBACK_SHARE) {
            rollbackDay = Math.min(days - 1, startDay + rollbackOffset);
            rollbackWh = Math.min(c.registerWh, Math.round(c.kwhPerDay * rollbackDays * 1000));
        } else {
            rollbackDay = -1;
            rollbackWh = 0;
        }
        // Rounded to 0.1%, so that the truth carries the share exactly as used.
        bypassShare = kind == AttackKind.BYPASS ? Math.round(bypass * 1000) / 1000.0 : Double.NaN;
    }

    AttackKind kind() {
        return attack.kind();
    }

    /**
     * The class whose day shape SWAP reports instead of the thief's own: households' for everyone
     * but households, who report the office-hours shape of non-industrial customers.
     */
    static CustomerClass donorClass(CustomerClass own) {
        return own == CustomerClass.RESIDENTIAL
                ? CustomerClass.NON_INDUSTRIAL
                : CustomerClass.RESIDENTIAL;
    }

    /** The stolen load beside the meter in a quarter hour of honest energy {@code wh}, Wh. */
    long bypassWh(long wh) {
        return Double.isNaN(bypassShare) ? 0 : Math.round(wh * bypassShare);
    }
}
