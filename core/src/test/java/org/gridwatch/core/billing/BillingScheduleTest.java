package org.gridwatch.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BillingScheduleTest {
    private static final BillingSchedule CHINA_A_WEEK_LATE =
            new BillingSchedule(ZoneId.of("Asia/Shanghai"), Duration.ofDays(7).toMillis());

    private static long at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant().toEpochMilli();
    }

    @Test
    void januaryIsBilledAWeekAfterItsEndAndValuedAtTheEndOfThatQuarterHour() {
        assertThat(CHINA_A_WEEK_LATE.billsAt(YearMonth.of(2026, 1)))
                .isEqualTo(at("2026-02-08T00:00:00") - 1);
        assertThat(CHINA_A_WEEK_LATE.valuedAt(YearMonth.of(2026, 1)))
                .isEqualTo(at("2026-02-08T00:00:00"));
    }

    @Test
    void theNextValuationIsStrictlyLater() {
        assertThat(CHINA_A_WEEK_LATE.nextValuationAfter(at("2026-01-15T12:00:00")))
                .isEqualTo(at("2026-02-08T00:00:00"));
        assertThat(CHINA_A_WEEK_LATE.nextValuationAfter(at("2026-02-07T23:59:59")))
                .isEqualTo(at("2026-02-08T00:00:00"));
        assertThat(CHINA_A_WEEK_LATE.nextValuationAfter(at("2026-02-08T00:00:00")))
                .isEqualTo(at("2026-03-08T00:00:00"));
        // a December's bills are valued in January
        assertThat(CHINA_A_WEEK_LATE.nextValuationAfter(at("2026-01-03T00:00:00")))
                .isEqualTo(at("2026-01-08T00:00:00"));
    }
}
