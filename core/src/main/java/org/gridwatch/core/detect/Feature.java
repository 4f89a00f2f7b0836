package org.gridwatch.core.detect;

/**
 * What a day's load is compared on, each against the customer's own history of the same kind of
 * day. Each feature has a direction: the way theft moves it. A day's deviation is counted in the
 * customer's own day-to-day spread of that feature ({@link UsageBaseline}), so a customer whose use
 * swings widely needs a larger change to raise suspicion than a steady one.
 */
public enum Feature {
    /** ln(day total / usual total): a drop (h1, h3, h4, ramp, on/off, swap, zero windows). */
    LEVEL(-1, 0.05),
    /**
     * ln(mean of the 4 lowest hours / usual): the standby load. An absence keeps it; a meter made
     * to read less scales it down.
     */
    BASE(-1, 0.05),
    /** Share of the day's readings at zero (h2, on/off). */
    ZEROS(+1, 0.02),
    /** Correlation of the day's hourly profile with the usual one (h4, h5, h6, swap). */
    SHAPE(-1, 0.03),
    /** Share of the day's energy in peak-price hours, less the usual share (h6, peak shift). */
    PEAK_SHARE(-1, 0.01),
    /** ln(coefficient of variation over the hours / usual): flattened (h5, cap). */
    FLATNESS(-1, 0.05),
    /** Share of the day's readings tied at its maximum: a flat top (cap, h5). */
    FLAT_TOP(+1, 0.02);

    static final Feature[] ALL = values();
    public static final int COUNT = ALL.length;

    private final int theftDirection;
    private final double minSpread;

    Feature(int theftDirection, double minSpread) {
        this.theftDirection = theftDirection;
        this.minSpread = minSpread;
    }

    /** +1 if theft raises the feature, −1 if it lowers it. */
    public int theftDirection() {
        return theftDirection;
    }

    /** The least day-to-day spread assumed, so a very steady history does not alarm at noise. */
    public double minSpread() {
        return minSpread;
    }

    /** The name in evidence, e.g. {@code peakShare}. */
    public String key() {
        String[] parts = name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }
}
