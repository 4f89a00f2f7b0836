package org.gridwatch.core.value;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridwatch.core.event.Segment;

/**
 * The service strategies for a customer: those of the segment (the paper, section 4), periodic
 * inspection for anyone with confirmed theft on record, and one step of the escalation.
 *
 * <p>The paper: for customers who maliciously run up arrears or steal, "warn, and in the end
 * restrict and give up". One ladder serves both: WARNING, RESTRICTION, DISCONNECTION_NOTICE (the
 * giving up), and only the highest step reached is listed.
 *
 * <ul>
 *   <li><b>Arrears</b>: we cannot see intent, so persistence stands for it: the oldest open bill
 *       {@code warningDays} past due brings a WARNING, which a customer who merely forgot answers
 *       by paying; still unpaid at {@code restrictionDays}, RESTRICTION; at {@code
 *       disconnectionNoticeDays}, a DISCONNECTION_NOTICE. The steps apply in every segment: a HIGH
 *       customer three months in arrears has in fact already become C (automatic C), so LOW_RISKY,
 *       once the segment is recomputed.
 *   <li><b>Theft</b>: repeat offences climb the ladder: the first confirmed theft a WARNING, the
 *       second RESTRICTION, the third and later a DISCONNECTION_NOTICE. Every offence on record
 *       counts; the step applies while the latest offence is recent (within the credit rules' theft
 *       lock, two years), periodic inspection for ever.
 *   <li><b>Pre-paid customers</b> already have the IC-card meter LOW_RISKY would get, so it is not
 *       recommended again; they pay before they use, so they are never in arrears: what they owe
 *       means their balance ran out and the meter will cut supply remotely, and they get a
 *       TOP_UP_REMINDER instead of the arrears steps (collection follow-up would chase a debt the
 *       meter already stops).
 *   <li><b>Retention</b>: a high user of good credit shrinking against its class gets a
 *       RETENTION_VISIT from the account manager, in HIGH or in MEDIUM once the decline has cost it
 *       its potential.
 *   <li><b>The off-peak offer</b> (the paper's MEDIUM strategy, encouraging off-peak use) goes to
 *       the MEDIUM customers whose tariff has an off-peak variant that would save them money, at
 *       their usual load or after shifting some of it (docs/whatif.md, "The offer each customer
 *       gets"): not to those already on time-of-use, nor to those it would cost more.
 * </ul>
 *
 * @param warningDays 30: a month past due, i.e. the next bill has come and the old one is open
 * @param restrictionDays 60: two months
 * @param disconnectionNoticeDays 90: three months, when the credit grade also falls to C by itself
 *     ({@link CreditRules#autoCDaysPastDue()}). Example terms, not a regulation: the legal notice
 *     periods before cutting supply are the utility's to set.
 */
public record Strategies(int warningDays, int restrictionDays, int disconnectionNoticeDays)
        implements Serializable {

    public static final Strategies DEFAULTS = new Strategies(30, 60, 90);

    /** The escalation ladder, lowest first. */
    private static final List<ServiceStrategy> LADDER =
            List.of(
                    ServiceStrategy.WARNING,
                    ServiceStrategy.RESTRICTION,
                    ServiceStrategy.DISCONNECTION_NOTICE);

    public Strategies {
        if (!(0 < warningDays
                && warningDays < restrictionDays
                && restrictionDays < disconnectionNoticeDays)) {
            throw new IllegalArgumentException("need 0 < warning < restriction < disconnection");
        }
    }

    /**
     * @param confirmedThefts inspections that confirmed theft, all on record
     * @param theftRecent whether the latest confirmed theft is recent enough to act on
     * @param daysPastDue days the oldest open bill is past due
     * @param prepaid whether the customer has a pre-paid meter
     * @param offpeakWorthOffering the off-peak variant of its tariff would save it money, at its
     *     usual load or after shifting ({@code OffpeakOffer#worthOffering})
     * @param retention a high user of good credit in decline ({@link SegmentRule}): a retention
     *     visit, whatever its segment
     */
    public List<ServiceStrategy> forCustomer(
            Segment segment,
            int confirmedThefts,
            boolean theftRecent,
            long daysPastDue,
            boolean prepaid,
            boolean offpeakWorthOffering,
            boolean retention) {
        List<ServiceStrategy> out = new ArrayList<>();
        switch (segment) {
            case HIGH -> {
                out.add(ServiceStrategy.ACCOUNT_MANAGER);
                out.add(ServiceStrategy.VIP_CHANNEL);
                out.add(ServiceStrategy.OUTAGE_NOTICE_FIRST);
            }
            case MEDIUM -> {
                out.add(ServiceStrategy.HOTLINE_95598);
                if (offpeakWorthOffering) {
                    out.add(ServiceStrategy.OFFPEAK_DISCOUNT_OFFER);
                }
            }
            case LOW_RISKY -> {
                if (!prepaid) {
                    out.add(ServiceStrategy.PREPAID_METER);
                    out.add(ServiceStrategy.COLLECTION_FOLLOWUP);
                }
            }
            case LOW_BASIC -> out.add(ServiceStrategy.BASIC_SUPPLY);
        }
        if (retention) {
            out.add(ServiceStrategy.RETENTION_VISIT);
        }
        if (confirmedThefts > 0) {
            // The paper: customers who once stole are inspected regularly, whatever else they are.
            out.add(ServiceStrategy.PERIODIC_INSPECTION);
        }
        if (prepaid && daysPastDue > 0) {
            out.add(ServiceStrategy.TOP_UP_REMINDER);
        }
        int step =
                Math.max(
                        prepaid ? -1 : arrearsStep(daysPastDue).map(LADDER::indexOf).orElse(-1),
                        theftRecent
                                ? theftStep(confirmedThefts).map(LADDER::indexOf).orElse(-1)
                                : -1);
        if (step >= 0) {
            out.add(LADDER.get(step));
        }
        return out;
    }

    /** The arrears escalation step reached; empty below {@code warningDays}. */
    public Optional<ServiceStrategy> arrearsStep(long daysPastDue) {
        if (daysPastDue >= disconnectionNoticeDays) {
            return Optional.of(ServiceStrategy.DISCONNECTION_NOTICE);
        }
        if (daysPastDue >= restrictionDays) {
            return Optional.of(ServiceStrategy.RESTRICTION);
        }
        return daysPastDue >= warningDays ? Optional.of(ServiceStrategy.WARNING) : Optional.empty();
    }

    /** The theft escalation step: one rung per confirmed offence; empty without any. */
    public static Optional<ServiceStrategy> theftStep(int confirmedThefts) {
        return confirmedThefts <= 0
                ? Optional.empty()
                : Optional.of(LADDER.get(Math.min(confirmedThefts, LADDER.size()) - 1));
    }
}
