package org.gridwatch.core.arrears;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.gridwatch.core.billing.OpenBill;
import org.gridwatch.core.event.CustomerClass;
import org.junit.jupiter.api.Test;

/** The penalty of 《供电营业规则》 (1996) Article 98, worked by hand. */
class LatePaymentPenaltyTest {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final LatePaymentPenalty RULES = LatePaymentPenalty.CHINA_1996;

    private static long at(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    private static OpenBill bill(String period, String due, long fen) {
        return new OpenBill(period, at(due), fen);
    }

    @Test
    void residentialOwesOnePerMilleADay() {
        // 200.00 CNY, 10 days late: 200 × 0.001 × 10 = 2.00 CNY.
        List<OpenBill> open = List.of(bill("2026-01", "2026-02-20T00:00+08:00", 20_000));
        assertThat(
                        RULES.accruedFen(
                                open,
                                CustomerClass.RESIDENTIAL,
                                at("2026-03-02T00:00+08:00"),
                                CHINA))
                .isEqualTo(200);
    }

    @Test
    void onlyWholeDaysPastTheDueInstantCount() {
        List<OpenBill> open = List.of(bill("2026-01", "2026-02-20T00:00+08:00", 1_234_500));
        // Due today: nothing yet. A day and a half later: one day, 12,345 × 0.001 = 12.345 CNY.
        assertThat(
                        RULES.accruedFen(
                                open,
                                CustomerClass.RESIDENTIAL,
                                at("2026-02-20T00:00+08:00"),
                                CHINA))
                .isZero();
        assertThat(
                        RULES.accruedFen(
                                open,
                                CustomerClass.RESIDENTIAL,
                                at("2026-02-21T12:00+08:00"),
                                CHINA))
                .isEqualTo(1_235); // 1,234.5 fen, half up
    }

    @Test
    void aPenaltyUnderOneYuanIsChargedAsOneYuan() {
        // 50.00 CNY, 3 days: 0.15 CNY accrued, 1.00 CNY charged.
        List<OpenBill> open = List.of(bill("2026-01", "2026-02-20T00:00+08:00", 5_000));
        assertThat(
                        RULES.accruedFen(
                                open,
                                CustomerClass.RESIDENTIAL,
                                at("2026-02-23T00:00+08:00"),
                                CHINA))
                .isEqualTo(100);
    }

    @Test
    void othersOwe2PerMilleInTheYearAnd3PerMilleAcrossTheYearEnd() {
        // 10,000.00 CNY due 2026-12-20, seen 2027-01-05: 16 days late, 12 of them (20–31 Dec) in
        // 2026 at 2‰ = 240.00, 4 in 2027 at 3‰ = 120.00: 360.00 CNY.
        List<OpenBill> open = List.of(bill("2026-11", "2026-12-20T00:00+08:00", 1_000_000));
        assertThat(
                        RULES.accruedFen(
                                open,
                                CustomerClass.GENERAL_INDUSTRY,
                                at("2027-01-05T00:00+08:00"),
                                CHINA))
                .isEqualTo(36_000);
        // A residential customer pays 1‰ whatever the year: 10,000 × 0.001 × 16 = 160.00.
        assertThat(
                        RULES.accruedFen(
                                open,
                                CustomerClass.RESIDENTIAL,
                                at("2027-01-05T00:00+08:00"),
                                CHINA))
                .isEqualTo(16_000);
    }

    @Test
    void eachOpenBillAccruesFromItsOwnDueDate() {
        // January 300.00 due 20 Feb, February 100.00 due 20 Mar; seen 30 Mar 2026:
        // 300 × 0.002 × 38 = 22.80 and 100 × 0.002 × 10 = 2.00: 24.80 CNY. Money no bill made
        // due (credit, or arrears of unknown age) accrues nothing.
        List<OpenBill> open =
                List.of(
                        bill("2026-01", "2026-02-20T00:00+08:00", 30_000),
                        bill("2026-02", "2026-03-20T00:00+08:00", 10_000),
                        new OpenBill(OpenBill.EARLIER, Long.MAX_VALUE, 99_999));
        assertThat(
                        RULES.accruedFen(
                                open,
                                CustomerClass.COMMERCIAL,
                                at("2026-03-30T00:00+08:00"),
                                CHINA))
                .isEqualTo(2_480);
    }

    @Test
    void nothingOpenNothingOwed() {
        assertThat(
                        RULES.accruedFen(
                                List.of(),
                                CustomerClass.RESIDENTIAL,
                                at("2026-03-30T00:00+08:00"),
                                CHINA))
                .isZero();
    }
}
