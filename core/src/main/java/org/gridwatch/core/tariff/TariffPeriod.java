package org.gridwatch.core.tariff;

import java.util.Locale;
import java.util.Optional;

/** The time-of-use periods of Chinese tariffs, from the dearest to the cheapest. */
public enum TariffPeriod {
    /** 尖峰: the hottest hours of the peak, priced above the peak. */
    CRITICAL_PEAK("尖峰"),
    /** 高峰 */
    PEAK("高峰"),
    /** 平段: the reference price that multipliers refer to. */
    FLAT("平段"),
    /** 低谷 */
    VALLEY("低谷"),
    /** 深谷: the deepest valley, where provinces use it (holidays, midday solar surplus). */
    DEEP_VALLEY("深谷");

    private static final TariffPeriod[] BY_ORDINAL = values();

    /** Peak or critical peak: the hours an off-peak offer wants use moved out of. */
    public boolean isPeak() {
        return this == PEAK || this == CRITICAL_PEAK;
    }

    private final String chineseName;

    TariffPeriod(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The name used in tariff files: lower case with dashes, such as {@code critical-peak}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads a file name ({@code critical-peak}, also {@code critical_peak}); empty if unknown. */
    public static Optional<TariffPeriod> fromFileName(String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (TariffPeriod period : BY_ORDINAL) {
            if (period.name().equals(normal)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }

    public static TariffPeriod ofOrdinal(int ordinal) {
        return BY_ORDINAL[ordinal];
    }
}
