package org.gridwatch.simulator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.gridwatch.core.detect.AttackKind;

/**
 * Who steals during the run, from when, and how (see docs/simulator.md, "Theft, tamper and payer
 * behaviour"). {@link #NONE} steals nothing and leaves every record of a seed as it was.
 *
 * @param share the share of customers who steal, 0..1; rounded to whole customers, at least one
 *     when positive
 * @param startDay the first day of theft, as an index of the run's days (0 = its first day), or
 *     {@link #MIDDLE} for {@code days / 2}
 * @param spreadDays each thief starts {@code startDay} plus 0..spreadDays days later, drawn per
 *     thief
 * @param kinds the attacks dealt to the thieves in turn, each at least once when there are enough
 *     thieves; not empty
 */
public record TheftMix(double share, int startDay, int spreadDays, List<AttackKind> kinds) {

    /** {@link #startDay} meaning the middle of the run. */
    public static final int MIDDLE = -1;

    public static final TheftMix NONE = new TheftMix(0, MIDDLE, 0, List.of(AttackKind.values()));

    public TheftMix {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("thieves must be a share 0..1, got " + share);
        }
        if (startDay < MIDDLE) {
            throw new IllegalArgumentException("theft start must be a day >= 0, got " + startDay);
        }
        if (spreadDays < 0) {
            throw new IllegalArgumentException(
                    "theft start spread must be >= 0 days, got " + spreadDays);
        }
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one attack kind is needed");
        }
        kinds = List.copyOf(kinds);
    }

    /** All of {@code share} thieves from {@code startDay}, every kind. */
    public static TheftMix of(double share, int startDay) {
        return new TheftMix(share, startDay, 0, List.of(AttackKind.values()));
    }

    public boolean any() {
        return share > 0;
    }

    /** The first day of theft in a run of {@code days} days. */
    public int firstDay(int days) {
        return startDay == MIDDLE ? days / 2 : startDay;
    }

    /** The number of thieves among {@code customers}. */
    public int thieves(int customers) {
        if (share <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(customers, Math.round(share * customers)));
    }

    /**
     * The kinds named in {@code text}: labels ({@code zero-window}) or constant names, separated by
     * commas, or {@code all}. Each kind once, in the order of {@link AttackKind}.
     */
    public static List<AttackKind> parseKinds(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--attacks must name at least one attack kind");
        }
        if (text.trim().toLowerCase(Locale.ROOT).equals("all")) {
            return List.of(AttackKind.values());
        }
        EnumSet<AttackKind> set = EnumSet.noneOf(AttackKind.class);
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("--attacks has an empty name in '" + text + "'");
            }
            set.add(AttackKind.parse(part));
        }
        return new ArrayList<>(set);
    }
}
