package org.gridwatch.core.detect;

/**
 * The ways a meter's readings are falsified to steal electricity, after the synthetic attacks of
 * Jokar, Arianpoo and Leung, "Electricity Theft Detection in AMI Using Customers' Consumption
 * Patterns", IEEE Trans. Smart Grid 7(1), 2016 (h1..h6), and their kin seen in the field. Each
 * turns a day's honest series x_t into what the meter reports; the arithmetic is {@link
 * TheftAttack#apply}. {@link #BYPASS} leaves the series alone: the stolen load never passes the
 * meter and shows only in the area's supply.
 */
public enum AttackKind {
    /** h1: α·x_t, α ∈ [0.1, 0.8] fixed for the thief. */
    SCALE(Effect.LEVEL),
    /** h2: zero in a random window of 4 to 12 hours each day. */
    ZERO_WINDOW(Effect.LEVEL),
    /** h3: γ_t·x_t, γ_t ∈ [0.1, 0.8] drawn per interval. */
    RANDOM_SCALE(Effect.LEVEL),
    /** h4: γ_t·mean(x), γ_t ∈ [0.1, 0.8] drawn per interval. */
    RANDOM_OF_MEAN(Effect.LEVEL),
    /** h5: mean(x) in every interval: flat, the same daily total. */
    FLAT_MEAN(Effect.SHAPE),
    /** h6: x_{T−1−t}: the day reversed, the same daily total. */
    REVERSED(Effect.SHAPE),
    /** min(x_t, c·max(x)), c ∈ [0.3, 0.7]: the peaks cut off. */
    CAP(Effect.LEVEL),
    /** α_d·x_t with α_d falling linearly from 1 to α ∈ [0.1, 0.6] over 14 to 28 days. */
    RAMP(Effect.LEVEL),
    /**
     * A share f ∈ [0.3, 0.8] of the energy of the peak-price intervals moved evenly into the
     * valley-price intervals: the daily total unchanged.
     */
    PEAK_SHIFT(Effect.SHAPE),
    /** The profile of a smaller user (another customer's shape) at β ∈ [0.2, 0.6] of the total. */
    SWAP(Effect.LEVEL),
    /** Random on/off: runs of 1 to 8 intervals, each run off with probability one half. */
    ON_OFF(Effect.LEVEL),
    /** The meter bypassed: readings honest-looking, the stolen load seen only in area supply. */
    BYPASS(Effect.AREA_ONLY);

    /** What an attack changes, and so which evidence can show it. */
    public enum Effect {
        /** The energy the meter reports drops. */
        LEVEL,
        /** The daily total stays; the profile changes (pays only under time-of-use prices). */
        SHAPE,
        /** The meter's readings stay; only the area balance shows it. */
        AREA_ONLY
    }

    private final Effect effect;

    AttackKind(Effect effect) {
        this.effect = effect;
    }

    public Effect effect() {
        return effect;
    }

    /** The name in truth files and reports, e.g. {@code zero-window}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The kind named by {@link #label()} or by the constant's name. */
    public static AttackKind parse(String text) {
        String name = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (AttackKind k : values()) {
                known.append(known.length() == 0 ? "" : ", ").append(k.label());
            }
            throw new IllegalArgumentException(
                    "unknown attack kind '" + text + "'; known: " + known, e);
        }
    }
}
