package org.gridwatch.core.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.gridwatch.core.event.RejectReason;
import org.junit.jupiter.api.Test;

class FirstDeliveryTest {
    private final CoveredQuarters covered = CoveredQuarters.covering(7 * 24 * 3_600_000L);

    private static long at(String local) {
        return LocalDateTime.parse(local).toInstant(ZoneOffset.ofHours(8)).toEpochMilli();
    }

    private Refusal deliver(String from, String to) {
        return FirstDelivery.check("area", "A017", at(from), at(to), covered);
    }

    @Test
    void admitsTheFirstDeliveryOfAnInterval() {
        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00")).isNull();
    }

    @Test
    void refusesAnExactReSendAsDuplicate() {
        deliver("2026-01-15T09:00", "2026-01-15T10:00");

        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00"))
                .isEqualTo(
                        new Refusal(
                                RejectReason.DUPLICATE,
                                "area A017 already delivered this interval"));
    }

    @Test
    void refusesAnHourOverTwoOfItsQuarterHoursAsOverlapSayingHowManyWereDelivered() {
        deliver("2026-01-15T09:15", "2026-01-15T09:30");
        deliver("2026-01-15T09:45", "2026-01-15T10:00");

        assertThat(deliver("2026-01-15T09:00", "2026-01-15T10:00"))
                .isEqualTo(
                        new Refusal(
                                RejectReason.OVERLAP,
                                "area A017 already delivered 30 of the 60 minutes of this interval in"
                                        + " readings of other intervals; the first delivery"
                                        + " counts"));
    }

    @Test
    void refusesAQuarterHourInsideAnAdmittedHourAsOverlapWhollyDelivered() {
        deliver("2026-01-15T09:00", "2026-01-15T10:00");

        assertThat(deliver("2026-01-15T09:30", "2026-01-15T09:45"))
                .isEqualTo(
                        new Refusal(
                                RejectReason.OVERLAP,
                                "area A017 already delivered all 15 minutes of this interval in"
                                        + " readings of other intervals; the first delivery"
                                        + " counts"));
    }

    @Test
    void refusesAnIntervalBeyondTheHorizonAsTooLate() {
        deliver("2026-01-20T09:00", "2026-01-20T09:15");

        assertThat(deliver("2026-01-13T08:45", "2026-01-13T09:00"))
                .isEqualTo(
                        new Refusal(
                                RejectReason.TOO_LATE,
                                "starts more than 7 days before the end of the newest reading of"
                                        + " area A017"));
    }

    @Test
    void describesAHorizonOfLessThanADayInMinutes() {
        CoveredQuarters twoHours = new CoveredQuarters(8);
        FirstDelivery.check(
                "meter", "M1", at("2026-01-15T10:00"), at("2026-01-15T10:15"), twoHours);

        // 10:00 minus 08:00 is 8 quarter hours: out of a horizon of 8
        assertThat(
                        FirstDelivery.check(
                                "meter",
                                "M1",
                                at("2026-01-15T08:00"),
                                at("2026-01-15T08:15"),
                                twoHours))
                .isEqualTo(
                        new Refusal(
                                RejectReason.TOO_LATE,
                                "starts more than 120 minutes before the end of the newest reading"
                                        + " of meter M1"));
    }
}
