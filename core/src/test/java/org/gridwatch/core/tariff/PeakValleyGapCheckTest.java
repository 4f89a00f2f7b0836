package org.gridwatch.core.tariff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The configured system gap against the measured daily peak-valley rates, on either side of 40%.
 */
class PeakValleyGapCheckTest {

    private static SortedMap<LocalDate, Double> days(double... rates) {
        SortedMap<LocalDate, Double> days = new TreeMap<>();
        LocalDate day = LocalDate.parse("2026-01-14");
        for (double rate : rates) {
            days.put(day, rate);
            day = day.plusDays(1);
        }
        return days;
    }

    @Test
    void saysWhenAMeasuredDayExceedsFortyPercentButTheSettingDoesNot() {
        // 2026-01-14 32%, 2026-01-15 45.2% (the highest), 2026-01-16 30%: 45.2% > 40%, while the
        // setting 0.38 ≤ 0.40 had the tariffs checked against 3:1
        assertThat(PeakValleyGapCheck.concern(0.38, days(0.32, 0.452, 0.30)))
                .hasValue(
                        "the daily peak-valley rate of the monitored load reached 45.2% on"
                                + " 2026-01-15 (the highest of 3 days measured), above the 40% at"
                                + " which 发改价格〔2021〕1093号 asks a peak/valley price ratio of"
                                + " 4:1, but system-peak-valley-gap is 0.38, so the tariffs were"
                                + " checked against 3:1. Check the system's maximum gap and set"
                                + " system-peak-valley-gap to it");
    }

    @Test
    void treatsAMissingSettingAsThreeToOne() {
        // no setting: 3:1 assumed, as for a gap of at most 40%; a 41% day disagrees
        assertThat(PeakValleyGapCheck.concern(Double.NaN, days(0.41)))
                .get()
                .asString()
                .contains(
                        "reached 41.0% on 2026-01-14 (the highest of 1 day measured)",
                        "system-peak-valley-gap is not set (3:1 assumed)");
        // ... and a 35% day agrees with it
        assertThat(PeakValleyGapCheck.concern(Double.NaN, days(0.35))).isEmpty();
    }

    @Test
    void saysWhenTheSettingExceedsFortyPercentButNoMeasuredDayDoes() {
        // setting 45% > 40%: 4:1; the days 38% and 36% never exceed 40%
        assertThat(PeakValleyGapCheck.concern(0.45, days(0.38, 0.36)))
                .hasValue(
                        "system-peak-valley-gap is 0.45, so the tariffs were checked against the"
                                + " 4:1 of 发改价格〔2021〕1093号, but the daily peak-valley rate of"
                                + " the monitored load was at most 38.0% on 2026-01-14 (the"
                                + " highest of 2 days measured), not above 40%: if these days are"
                                + " typical of the year, 3:1 would apply. Check the system's"
                                + " maximum gap and set system-peak-valley-gap to it");
    }

    @Test
    void isQuietWhenBothAreOnTheSameSideOfFortyPercent() {
        // 0.38 and a highest day of 39%: both at most 40%, 3:1
        assertThat(PeakValleyGapCheck.concern(0.38, days(0.39, 0.20))).isEmpty();
        // 0.45 and a highest day of 52%: both above 40%, 4:1
        assertThat(PeakValleyGapCheck.concern(0.45, days(0.30, 0.52))).isEmpty();
        // exactly 40% is not above 40%, on either side
        assertThat(PeakValleyGapCheck.concern(0.40, days(0.40))).isEmpty();
        // nothing measured, nothing to say
        assertThat(PeakValleyGapCheck.concern(0.38, days())).isEmpty();
    }
}
