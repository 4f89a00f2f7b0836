package org.gridwatch.core.codec;

/**
 * The examples of the external contract (shared/spec/contract.md), copied verbatim, joined onto one
 * line each. Tests read them as an integrator would send them and compare our output's field names
 * with theirs, so a drift between the contract and the code fails a test.
 */
final class ContractExamples {

    static final String CUSTOMER =
            "{\"customerId\":\"C0000042\",\"meterId\":\"M0000042\",\"class\":\"RESIDENTIAL\","
                    + "\"areaId\":\"A017\",\"tariffId\":\"residential-tiered\",\"prepaid\":false,"
                    + "\"contractKw\":8.0,\"since\":\"2019-03-01\"}";

    static final String READING =
            "{\"meterId\":\"M0000042\",\"ts\":\"2026-01-15T08:15:00+08:00\",\"intervalMinutes\":15,"
                    + "\"kwh\":0.412,\"registerKwh\":18342.117,\"exportKwh\":0.0,"
                    + "\"events\":[\"COVER_OPEN\"]}";

    static final String AREA_READING =
            "{\"areaId\":\"A017\",\"ts\":\"2026-01-15T08:15:00+08:00\",\"intervalMinutes\":15,"
                    + "\"kwh\":118.2}";

    static final String PAYMENT =
            "{\"paymentId\":\"P00091233\",\"customerId\":\"C0000042\","
                    + "\"ts\":\"2026-02-03T19:22:10+08:00\",\"amount\":212.50,\"channel\":\"APP\"}";

    static final String INSPECTION =
            "{\"customerId\":\"C0000042\",\"alertId\":\"...\",\"ts\":\"2026-03-01T10:00:00+08:00\","
                    + "\"outcome\":\"CONFIRMED_THEFT\"}";

    static final String ALERT =
            "{\"alertId\":\"...\",\"customerId\":\"C0000042\",\"meterId\":\"M0000042\","
                    + "\"areaId\":\"A017\",\"type\":\"THEFT\",\"rule\":\"...\",\"score\":0.87,"
                    + "\"severity\":\"HIGH\",\"ts\":\"2026-01-20T00:00:00+08:00\","
                    + "\"evidence\":{\"...\":\"...\"}}";

    static final String SEGMENT =
            "{\"customerId\":\"C0000042\",\"ts\":\"2026-02-01T00:00:00+08:00\",\"segment\":\"HIGH\","
                    + "\"currentValue\":0.93,\"potentialValue\":0.61,\"creditScore\":94,"
                    + "\"creditGrade\":\"A\",\"strategies\":[\"ACCOUNT_MANAGER\","
                    + "\"OUTAGE_NOTICE_FIRST\"]}";

    static final String BILL =
            "{\"customerId\":\"C0000042\",\"period\":\"2026-01\",\"tariffId\":\"residential-tiered\","
                    + "\"kwh\":{\"PEAK\":120.4,\"FLAT\":88.0,\"VALLEY\":140.2},\"amount\":201.37,"
                    + "\"issued\":\"2026-02-01T00:00:00+08:00\","
                    + "\"due\":\"2026-02-20T00:00:00+08:00\"}";

    static final String REJECTED =
            "{\"source\":\"meter-readings\",\"reason\":\"NEGATIVE_KWH\",\"detail\":\"kwh=-3.2\","
                    + "\"raw\":\"<the record as received>\"}";

    private ContractExamples() {}
}
