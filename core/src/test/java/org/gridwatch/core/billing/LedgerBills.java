package org.gridwatch.core.billing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.gridwatch.core.tariff.TariffPeriod;

/** Bills for ledger tests, where only the month, the amount and the kWh matter. */
public final class LedgerBills {

    private LedgerBills() {}

    public static BillStatement bill(String month, long amountFen) {
        return bill(month, amountFen, BigDecimal.ZERO);
    }

    public static BillStatement bill(String month, long amountFen, BigDecimal totalKwh) {
        YearMonth m = YearMonth.parse(month);
        BillingCalendar calendar = BillingCalendar.CHINA;
        return new BillStatement(
                "C1",
                month,
                "residential-tiered",
                new double[TariffPeriod.values().length],
                Set.of(TariffPeriod.FLAT),
                totalKwh,
                List.of(),
                amountFen,
                calendar.issuedMillis(m),
                calendar.dueMillis(m),
                BigDecimal.ZERO);
    }
}
