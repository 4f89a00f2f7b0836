package org.gridwatch.core.value;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridwatch.core.event.Segment;

/**
 * The service strategies for a customer: those of the segment (the paper, section 4), periodic
 * inspection for anyone with confirmed theft on record, and one step of the arrears escalation.
 *
 * <p>The paper: for customers who maliciously run up arrears or steal, "warn, and in the end
 * restrict and give up". We cannot see intent, so persistence stands for it: the oldest open bill
 * {@code warningDays} past due brings a WARNING, which a customer who merely forgot answers by
 * paying; still unpaid at {@code restrictionDays}, RESTRICTION; at {@code disconnectionNoticeDays},
 * a DISCONNECTION_NOTICE. Only the highest step reached is listed. The steps apply in every
 * segment: a HIGH customer three months in arrears has in fact already become C (automatic C), so
 * LOW_RISKY, once the segment is recomputed.
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

    public Strategies {
        if (!(0 < warningDays
                && warningDays < restrictionDays
                && restrictionDays < disconnectionNoticeDays)) {
            throw new IllegalArgumentException("need 0 < warning < restriction < disconnection");
        }
    }

    public List<ServiceStrategy> forCustomer(
            Segment segment, boolean theftHistory, long daysPastDue) {
        List<ServiceStrategy> out = new ArrayList<>();
        switch (segment) {
            case HIGH -> {
                out.add(ServiceStrategy.ACCOUNT_MANAGER);
                out.add(ServiceStrategy.VIP_CHANNEL);
                out.add(ServiceStrategy.OUTAGE_NOTICE_FIRST);
            }
            case MEDIUM -> {
                out.add(ServiceStrategy.HOTLINE_95598);
                out.add(ServiceStrategy.OFFPEAK_DISCOUNT_OFFER);
            }
            case LOW_RISKY -> {
                out.add(ServiceStrategy.PREPAID_METER);
                out.add(ServiceStrategy.COLLECTION_FOLLOWUP);
            }
            case LOW_BASIC -> out.add(ServiceStrategy.BASIC_SUPPLY);
        }
        if (theftHistory) {
            // The paper: customers who once stole are inspected regularly, whatever else they are.
            out.add(ServiceStrategy.PERIODIC_INSPECTION);
        }
        arrearsStep(daysPastDue).ifPresent(out::add);
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
}
