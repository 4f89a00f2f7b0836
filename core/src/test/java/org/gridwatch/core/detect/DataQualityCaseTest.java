package org.gridwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Severity;
import org.junit.jupiter.api.Test;

class DataQualityCaseTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Customer HOME =
            new Customer(
                    "C7",
                    "M7",
                    CustomerClass.RESIDENTIAL,
                    "A001",
                    "residential-tiered",
                    false,
                    Double.NaN,
                    Customer.UNKNOWN_SINCE);

    private final DataQualityCase quality = new DataQualityCase();

    private static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    /** When a day closes: its end plus two hours (the detection's grace). */
    private static long closed(String date) {
        return LocalDate.parse(date)
                .plusDays(1)
                .atTime(2, 0)
                .atZone(ZONE)
                .toInstant()
                .toEpochMilli();
    }

    /**
     * Two contiguous half-hour readings of 1 kWh from 08:00; the register advances by {@code
     * registerAdvanceKwh} over them.
     */
    private static DayLoad readDay(String date, double registerAdvanceKwh) {
        long start = LocalDate.parse(date).atStartOfDay(ZONE).toInstant().toEpochMilli();
        DayLoad d = new DayLoad(day(date), start);
        long eight = start + 8 * Days.HOUR;
        double register = 5_000;
        d.add(
                new MeterReading(
                        "M7", eight + Days.HOUR / 2, 30, 1.0, register + 1.0, Double.NaN, 0));
        d.add(
                new MeterReading(
                        "M7",
                        eight + Days.HOUR,
                        30,
                        1.0,
                        register + registerAdvanceKwh,
                        Double.NaN,
                        0));
        return d;
    }

    private Alert read(String date) {
        return read(date, false);
    }

    private Alert read(String date, boolean mismatch) {
        return quality.onDayRead(
                day(date), readDay(date, mismatch ? 3.0 : 2.0), mismatch, HOME, closed(date));
    }

    private Alert unread(String date) {
        return quality.onDayUnread(day(date), HOME, closed(date));
    }

    @Test
    void threeDaysWithoutAReadingAreASilentMeterUntilADayIsReadAgain() {
        assertThat(read("2026-03-01")).isNull();
        assertThat(unread("2026-03-02")).isNull(); // one day
        assertThat(unread("2026-03-03")).isNull(); // two
        Alert open = unread("2026-03-04"); // three: 03-02, 03-03, 03-04
        assertThat(open.alertId()).isEqualTo("data-quality:C7:20260304");
        assertThat(open.type()).isEqualTo(AlertType.DATA_QUALITY);
        assertThat(open.rule()).isEqualTo("meter-silent");
        assertThat(open.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(open.score()).isEqualTo(1.0);
        assertThat(open.tsMillis()).isEqualTo(closed("2026-03-04"));
        assertThat(open.evidence())
                .containsEntry("lastReadingDay", "2026-03-01")
                .containsEntry("silentDays", 3);

        // 03-05 … 03-14: 4 to 13 days, nothing new to say; 03-15: two weeks, HIGH
        for (int d = 5; d <= 14; d++) {
            assertThat(unread(String.format("2026-03-%02d", d))).isNull();
        }
        Alert high = unread("2026-03-15");
        assertThat(high.alertId()).isEqualTo(open.alertId());
        assertThat(high.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(high.severity()).isEqualTo(Severity.HIGH);
        assertThat(high.evidence()).containsEntry("silentDays", 14);

        assertThat(unread("2026-03-16")).isNull();
        Alert back = read("2026-03-17");
        assertThat(back.alertId()).isEqualTo(open.alertId());
        assertThat(back.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(back.rule()).isEqualTo("meter-silent");
        assertThat(back.evidence())
                .containsEntry("silentFrom", "2026-03-02")
                .containsEntry("resumedOn", "2026-03-17")
                .containsEntry("silentDays", 15)
                .containsEntry("lastReadingDay", "2026-03-17");

        // a new silence is a new alert
        unread("2026-03-18");
        unread("2026-03-19");
        assertThat(unread("2026-03-20").alertId()).isEqualTo("data-quality:C7:20260320");
    }

    @Test
    void aMeterNeverReadIsNotWatchedAndTwoSilentDaysAreNothing() {
        assertThat(unread("2026-03-01")).isNull();
        assertThat(unread("2026-03-05")).isNull();
        read("2026-03-06");
        unread("2026-03-07");
        unread("2026-03-08");
        assertThat(read("2026-03-09")).isNull();
        assertThat(quality.alertId).isNull();
    }

    @Test
    void registerAndIntervalsDisagreeingOnTwoDaysWithinAWeekIsAFinding() {
        read("2026-03-01");
        assertThat(read("2026-03-02", true)).isNull(); // once is not yet a finding
        for (int d = 3; d <= 8; d++) {
            read(String.format("2026-03-%02d", d));
        }
        // 03-09 is 7 days after 03-02: not within a week
        assertThat(read("2026-03-09", true)).isNull();
        assertThat(read("2026-03-10")).isNull();
        Alert open = read("2026-03-11", true); // 2 days after 03-09
        assertThat(open.rule()).isEqualTo("register-disagrees-with-intervals");
        assertThat(open.alertId()).isEqualTo("data-quality:C7:20260311");
        assertThat(open.severity()).isEqualTo(Severity.MEDIUM);
        // the intervals report 1 + 1 kWh; the register advanced 3 over them (from 5,000 to 5,003)
        assertThat(open.evidence())
                .containsEntry("registerMismatchOn", "2026-03-11")
                .containsEntry("previousMismatchOn", "2026-03-09")
                .containsEntry("intervalKwh", 2.0)
                .containsEntry("registerAdvanceKwh", 3.0);

        // 14 days without a disagreement close it: 03-12 … 03-24 are 1 to 13 days, 03-25 is 14
        for (int d = 12; d <= 24; d++) {
            assertThat(read(String.format("2026-03-%02d", d))).isNull();
        }
        Alert closed = read("2026-03-25");
        assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(closed.rule()).isEqualTo("register-disagrees-with-intervals");
    }

    @Test
    void aFaultAnInspectorFindsIsToldOnTheOpenAlertAndKeepsItOpenOnceTheMeterReads() {
        read("2026-03-01");
        unread("2026-03-02");
        unread("2026-03-03");
        Alert silent = unread("2026-03-04");
        long at = ZonedDateTime.of(2026, 3, 5, 10, 0, 0, 0, ZONE).toInstant().toEpochMilli();
        Alert fault =
                quality.onInspection(
                        new Inspection(
                                "C7", "theft:C7:20260220", at, InspectionOutcome.METER_FAULT),
                        HOME,
                        ZONE);
        // one open DATA_QUALITY alert per customer: the silence's, which still names it
        assertThat(fault.alertId()).isEqualTo(silent.alertId());
        assertThat(fault.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(fault.rule()).isEqualTo("meter-silent");
        assertThat(fault.tsMillis()).isEqualTo(at);
        assertThat(fault.evidence())
                .containsEntry("inspection", "METER_FAULT")
                .containsEntry("inspectedForAlert", "theft:C7:20260220")
                .containsEntry("meterFaultsFound", 1)
                .containsEntry("silentDays", 3);
        // the meter reads again: the silence is over, the fault stays (nothing says it was
        // replaced) and now names the alert
        Alert after = read("2026-03-06");
        assertThat(after.alertId()).isEqualTo(silent.alertId());
        assertThat(after.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(after.rule()).isEqualTo("meter-fault-found");
        assertThat(after.evidence()).containsEntry("resumedOn", "2026-03-06");
        assertThat(read("2026-03-07")).isNull();
        // a disagreement of register and intervals later is told on it too, and named first
        read("2026-03-08", true);
        Alert disagree = read("2026-03-09", true);
        assertThat(disagree.alertId()).isEqualTo(silent.alertId());
        assertThat(disagree.rule()).isEqualTo("register-disagrees-with-intervals");
        assertThat(disagree.evidence()).containsEntry("meterFaultsFound", 1);
        // a no-finding inspection changes nothing here
        assertThat(
                        quality.onInspection(
                                new Inspection("C7", null, at, InspectionOutcome.NO_FINDING),
                                HOME,
                                ZONE))
                .isNull();
    }
}
