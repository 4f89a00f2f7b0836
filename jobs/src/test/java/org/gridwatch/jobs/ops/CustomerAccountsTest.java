package org.gridwatch.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gridwatch.jobs.Fixtures.at;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.gridwatch.core.billing.BillingCalendar;
import org.gridwatch.core.billing.MonthlyUsage;
import org.gridwatch.core.detect.DayReport;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Severity;
import org.gridwatch.core.value.CustomerStanding;
import org.gridwatch.jobs.MonitorSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerAccountsTest {
    private static final Customer SHOP =
            new Customer(
                    "C1",
                    "M1",
                    CustomerClass.COMMERCIAL,
                    "A001",
                    "commercial-tou",
                    false,
                    50.0,
                    Customer.UNKNOWN_SINCE);

    private static final MonitorSettings SETTINGS =
            MonitorSettings.DEFAULT.withAllowedLateness(Duration.ofDays(1));

    /** The customer accounts, under test. */
    private KeyedTwoInputStreamOperatorTestHarness<String, CustomerFeed, AccountEvent, Bill>
            harness;

    /**
     * The meter join before them, as in the job: readings go to the join, which keeps the open day
     * and month and ships them to the accounts ({@link JoinToAccounts}).
     */
    private KeyedTwoInputStreamOperatorTestHarness<
                    String, MeterAssignment, MeterReading, CustomerFeed>
            join;

    private boolean shopKnown;

    @BeforeEach
    void openHarness() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new CustomerAccounts(SETTINGS),
                        CustomerFeed::customerId,
                        AccountEvent::customerId,
                        Types.STRING);
        join =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new MeterEnrichment(SETTINGS),
                        MeterAssignment::meterId,
                        MeterReading::meterId,
                        Types.STRING);
    }

    /** The shop's master record, through the join (it assigns the shop's meter M1). */
    private void knowTheShop() throws Exception {
        join.processElement1(MeterAssignment.assign(SHOP), 0);
        shopKnown = true;
        pass();
    }

    private void pass() throws Exception {
        new JoinToAccounts(join, harness).pass();
    }

    /** The shop's meter register, kWh: every reading the meter makes moves it on. */
    private double register = 1_000;

    /** A 15-minute reading ending at {@code end}, with the register after it, to the join. */
    private void read(String end, double kwh) throws Exception {
        register += kwh;
        readLate(new MeterReading("M1", at(end), 15, kwh, register, Double.NaN, 0));
    }

    /** A reading the meter made earlier, reaching the join now. */
    private void readLate(MeterReading r) throws Exception {
        if (!shopKnown) {
            knowTheShop();
        }
        join.processElement2(r, r.endMillis());
        pass();
    }

    /** Event time at {@code local} in the join only: the accounts' own lags (another input). */
    private void joinWatermark(String local) throws Exception {
        join.processBothWatermarks(new Watermark(at(local)));
        pass();
    }

    /** A reading the meter made (its register counts it) that has not reached the job. */
    private MeterReading lose(String end, double kwh) {
        register += kwh;
        return new MeterReading("M1", at(end), 15, kwh, register, Double.NaN, 0);
    }

    /** What the accounts sent to {@code tag} so far, in order. */
    private <T> List<T> sent(org.apache.flink.util.OutputTag<T> tag) {
        var side = harness.getSideOutput(tag);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private List<RejectReason> rejections() {
        return sent(Rejections.REJECTED).stream().map(Rejected::reason).toList();
    }

    @Test
    void billsTheMonthOnceEventTimeHasPassedItsEndByTheAllowedLateness() throws Exception {
        read("2026-01-15T08:15", 10.0); // 08:00-08:15 peak: 10 × 1.04 = 10.40
        read("2026-01-15T12:15", 10.0); // 12:00-12:15 valley: 10 × 0.2925 = 2.925
        read("2026-01-31T23:45", 4.0); // 23:30-23:45 flat: 4 × 0.65 = 2.60
        read("2026-02-01T00:15", 3.0); // February
        watermark("2026-02-01T23:59");
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark("2026-02-02T00:00");

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(
                        b -> {
                            assertTheFirstTestsJanuary(b);
                            assertThat(b.issuedMillis()).isEqualTo(at("2026-02-01T00:00"));
                            assertThat(b.dueMillis()).isEqualTo(at("2026-02-20T00:00"));
                        });
    }

    @Test
    void rejectsAPaymentSeenTwiceAndKeepsTheBalance() throws Exception {
        knowTheShop();
        Payment p = new Payment("P1", "C1", at("2026-01-20T10:00"), 5000, PaymentChannel.APP);
        harness.processElement2(AccountEvent.of(p), p.tsMillis());
        harness.processElement2(AccountEvent.of(p), p.tsMillis());
        assertThat(rejections()).as("both wait for event time").isEmpty();

        harness.processBothWatermarks(new Watermark(p.tsMillis()));

        assertThat(rejections()).containsExactly(RejectReason.DUPLICATE);
    }

    private List<CustomerStanding> standings() {
        return sent(CustomerAccounts.STANDINGS);
    }

    /** Event time at {@code local} in the join, then in the accounts. */
    private void watermark(String local) throws Exception {
        watermark(at(local));
    }

    private void watermark(long millis) throws Exception {
        join.processBothWatermarks(new Watermark(millis));
        pass();
        harness.processBothWatermarks(new Watermark(millis));
    }

    private void pay(String id, String local, long fen) throws Exception {
        Payment p = new Payment(id, "C1", at(local), fen, PaymentChannel.APP);
        harness.processElement2(AccountEvent.of(p), p.tsMillis());
    }

    /** January billed: 10 kWh at peak, 10.40 CNY, due 2026-02-20. */
    private void billJanuary() throws Exception {
        read("2026-01-15T08:15", 10.0);
        read("2026-02-01T00:15", 1.0);
        watermark("2026-02-02T00:00");
    }

    @Test
    void sendsNoStandingBeforeTheFirstBillAndOneForTheFleetWithIt() throws Exception {
        knowTheShop();
        pay("P0", "2026-01-20T10:00", 500);
        assertThat(standings()).isEmpty();

        billJanuary();

        assertThat(standings())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.monthClose()).isTrue();
                            assertThat(s.billedMonth()).isEqualTo(202601);
                            assertThat(s.revenue12Fen()).isEqualTo(1040);
                            assertThat(s.energy12Wh()).isEqualTo(10_000);
                            assertThat(s.areaId()).isEqualTo("A001");
                            // 5.00 CNY of credit before the bill: 5.40 still to pay, not late
                            assertThat(s.creditGrade()).isEqualTo(CreditGrade.B);
                            assertThat(s.daysPastDue()).isZero();
                        });
    }

    @Test
    void aPaymentReadAheadOfTheReadingsIsJudgedWhenEventTimeReachesIt() throws Exception {
        // A replay reads the payments file long before the readings: this payment, made 10 days
        // after January's bill was due, arrives before the readings that issue that bill.
        knowTheShop();
        pay("P1", "2026-03-02T10:00", 1040);
        billJanuary();
        read("2026-03-03T08:15", 1.0);
        watermark("2026-03-02T10:00");

        CustomerStanding paid = standings().get(standings().size() - 1);
        assertThat(paid.tsMillis()).isEqualTo(at("2026-03-02T10:00"));
        assertThat(paid.daysPastDue()).isZero();
        // February's bill (the 1 kWh read on February 1) was issued while January's was overdue:
        // −10; then January's paid 10 days late: −3. Not an on-time +2 from credit on the account.
        assertThat(paid.creditScore()).isEqualTo(80 - 10 - 3);
    }

    @Test
    void aPaymentReceivedAfterTheNextBillButMadeBeforeItCountsAsMadeBefore() throws Exception {
        // January's bill (due 02-20) paid on 03-01 at 10:00, 9 days late: −3. February's bill is
        // issued on 03-01 and, with a day's lateness, checked when event time passes 03-02 00:00.
        // The payment reaches the job after that (a payments feed a day behind the readings).
        billJanuary();
        read("2026-03-03T08:15", 1.0);
        watermark("2026-03-02T10:00");
        CustomerStanding checked = standings().get(standings().size() - 1);
        assertThat(checked.creditScore()).isEqualTo(80 - 10);

        pay("P1", "2026-03-01T10:00", 1040);
        watermark(at("2026-03-02T10:00") + 1); // the job's next step of event time

        CustomerStanding paid = standings().get(standings().size() - 1);
        assertThat(paid.daysPastDue()).isZero();
        // as if it had come before the check: January's −3 only, February's check found nothing
        assertThat(paid.creditScore()).isEqualTo(80 - 3);
        // sent as of when the job learned of it: after the standing it corrects, not before it
        assertThat(paid.tsMillis()).isEqualTo(at("2026-03-02T10:00") + 1);
        assertThat(paid.tsMillis()).isGreaterThan(checked.tsMillis());
    }

    @Test
    void aReversalReceivedAfterTheNextBillButMadeBeforeItCostsTheCheckItWouldHaveFailed()
            throws Exception {
        // January's bill (due 02-20) paid on 02-10, on time: +2. February's bill is issued on
        // 03-01 and, with a day's lateness, checked when event time passes 03-02 00:00: nothing
        // overdue. The payment was reversed on 02-25, but the reversal reaches the job after the
        // check (a bank's return file that lags).
        billJanuary();
        pay("P1", "2026-02-10T10:00", 1040);
        read("2026-03-03T08:15", 1.0);
        watermark("2026-03-02T10:00");
        CustomerStanding checked = standings().get(standings().size() - 1);
        assertThat(checked.creditScore()).isEqualTo(80 + 2);

        pay("P1", "2026-02-25T10:00", -1040);
        watermark(at("2026-03-02T10:00") + 1); // the job's next step of event time

        CustomerStanding reversed = standings().get(standings().size() - 1);
        assertThat(reversed.daysPastDue()).isEqualTo(10); // January open again since 02-20
        // as if it had come before the check: the reversal's −8, and the check's −10 for January
        // still open when February's bill went out
        assertThat(reversed.creditScore()).isEqualTo(80 - 8 - 10);
        assertThat(reversed.tsMillis()).isGreaterThan(checked.tsMillis());
    }

    @Test
    void aConfirmedTheftIsCreditGradeCAtOnce() throws Exception {
        billJanuary();
        Inspection found =
                new Inspection(
                        "C1", "A-1", at("2026-02-05T10:00"), InspectionOutcome.CONFIRMED_THEFT);
        harness.processElement2(AccountEvent.of(found), found.tsMillis());
        watermark("2026-02-05T10:00");

        CustomerStanding last = standings().get(standings().size() - 1);
        assertThat(last.monthClose()).isFalse();
        assertThat(last.theftHistory()).isTrue();
        assertThat(last.creditGrade()).isEqualTo(CreditGrade.C);
        assertThat(last.tsMillis()).isEqualTo(at("2026-02-05T10:00"));
    }

    @Test
    void aConfirmedTheftReceivedBehindEventTimeCountsAndGoesOutWithTheNextStep() throws Exception {
        // An inspector's finding of 5 February entered a week later (the inspections feed lags):
        // event time has passed it, and a standing of the customer has gone out since.
        billJanuary();
        read("2026-02-13T08:15", 1.0);
        watermark("2026-02-12T10:00");
        CustomerStanding before = standings().get(standings().size() - 1);
        assertThat(before.theftHistory()).isFalse();

        Inspection found =
                new Inspection(
                        "C1", "A-1", at("2026-02-05T10:00"), InspectionOutcome.CONFIRMED_THEFT);
        harness.processElement2(AccountEvent.of(found), found.tsMillis());
        assertThat(standings().get(standings().size() - 1).theftHistory()).isFalse(); // waits
        watermark(at("2026-02-12T10:00") + 1); // the job's next step of event time

        CustomerStanding after = standings().get(standings().size() - 1);
        assertThat(after.theftHistory()).isTrue();
        assertThat(after.creditGrade()).isEqualTo(CreditGrade.C);
        // stamped when the job learned of it, after the standing it corrects
        assertThat(after.tsMillis()).isEqualTo(at("2026-02-12T10:00") + 1);
        assertThat(after.tsMillis()).isGreaterThan(before.tsMillis());
    }

    @Test
    void anUnpaidBillSendsAStandingWhenItReaches30DaysPastDueWithoutAnyEvent() throws Exception {
        billJanuary();
        read("2026-03-25T08:15", 1.0); // the meter goes on reporting; nobody pays
        watermark("2026-03-22T00:00"); // due 02-20 + 30 days = 03-22 00:00

        CustomerStanding last = standings().get(standings().size() - 1);
        assertThat(last.tsMillis()).isEqualTo(at("2026-03-22T00:00"));
        assertThat(last.daysPastDue()).isEqualTo(30);
        assertThat(last.monthClose()).isFalse();
    }

    @Test
    void aCreditStepAfterTheLastEventOfAReplayIsNotSent() throws Exception {
        billJanuary();
        int before = standings().size();

        watermark(Long.MAX_VALUE);

        assertThat(standings().stream().filter(s -> !s.monthClose())).isEmpty();
        assertThat(standings()).hasSize(before);
    }

    private List<Alert> alerts() {
        return alerts(AlertType.ARREARS);
    }

    private List<Alert> alerts(AlertType type) {
        return sent(CustomerAccounts.ALERTS).stream().filter(a -> a.type() == type).toList();
    }

    @Test
    void aBillNobodyPaysBecomesAnArrearsAlertTheDayTheChanceOfReaching90DaysPassesOneHalf()
            throws Exception {
        // January (10.40 CNY, due 02-20) is never paid, and nothing was ever paid: at d days past
        // due the chance is (20 + d) / 110 (ArrearsRisk), one half at d = 35: 03-27 00:00.
        billJanuary();
        read("2026-04-10T08:15", 1.0); // the meter goes on reporting; nobody pays
        watermark("2026-03-26T23:59");
        assertThat(alerts()).isEmpty();
        watermark("2026-03-27T00:00");

        // February's bill (issued 03-01, due 03-20) is overdue too by then.
        assertThat(bills()).extracting(Bill::period).containsExactly("2026-01", "2026-02");
        double february = bills().get(1).amountFen() / 100.0;
        assertThat(alerts())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.alertId()).isEqualTo("arrears:C1:20260327");
                            assertThat(a.type()).isEqualTo(AlertType.ARREARS);
                            assertThat(a.tsMillis()).isEqualTo(at("2026-03-27T00:00"));
                            assertThat(a.score()).isEqualTo(0.5);
                            assertThat(a.valueAtRiskCny())
                                    .isCloseTo(10.40 + february, within(1e-9));
                            // 2‰ a day: January 35 days, February 7
                            double penalty = 10.40 * 0.002 * 35 + february * 0.002 * 7;
                            assertThat(a.evidence().get("penaltyCny"))
                                    .isEqualTo(Math.round(penalty * 100) / 100.0);
                            assertThat(a.openBills()).containsExactly("2026-01", "2026-02");
                        });

        pay("P1", "2026-03-28T10:00", 1_040 + bills().get(1).amountFen()); // all of it
        watermark("2026-03-29T00:00");
        assertThat(alerts()).hasSize(2);
        assertThat(alerts().get(1).status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(alerts().get(1).alertId()).isEqualTo("arrears:C1:20260327");
    }

    @Test
    void aMeterFaultAnInspectorFindsIsADataQualityAlert() throws Exception {
        billJanuary(); // read on 15 January and 1 February
        Inspection fault =
                new Inspection(
                        "C1",
                        "theft:C1:20260120",
                        at("2026-02-05T10:00"),
                        InspectionOutcome.METER_FAULT);
        harness.processElement2(AccountEvent.of(fault), fault.tsMillis());
        watermark("2026-02-05T10:00");

        // The meter fell silent after 1 February: its alert opened on the 4th, the third day
        // without a reading; the fault found is told on that one alert of the customer's.
        assertThat(alerts(AlertType.DATA_QUALITY))
                .filteredOn(a -> a.evidence().containsKey("inspection"))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.alertId()).isEqualTo("data-quality:C1:20260204");
                            assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
                            assertThat(a.rule()).isEqualTo("meter-silent");
                            assertThat(a.meterId()).isEqualTo("M1");
                            assertThat(a.evidence())
                                    .containsEntry("inspection", "METER_FAULT")
                                    .containsEntry("meterFaultsFound", 1)
                                    .containsEntry("inspectedForAlert", "theft:C1:20260120");
                        });
        assertThat(alerts(AlertType.DATA_QUALITY))
                .extracting(Alert::alertId)
                .containsOnly("data-quality:C1:20260118", "data-quality:C1:20260204");
    }

    @Test
    void aMeterSilentForThreeDaysIsADataQualityAlertUntilItReadsAgain() throws Exception {
        for (int d = 1; d <= 10; d++) {
            read(String.format("2026-01-%02dT08:15", d), 1.0);
        }
        watermark("2026-01-13T02:00"); // 12 January closes: two days without a reading
        assertThat(alerts(AlertType.DATA_QUALITY)).isEmpty();
        watermark("2026-01-14T02:00"); // 13 January closes: the third
        assertThat(alerts(AlertType.DATA_QUALITY))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.alertId()).isEqualTo("data-quality:C1:20260113");
                            assertThat(a.rule()).isEqualTo("meter-silent");
                            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
                            assertThat(a.tsMillis()).isEqualTo(at("2026-01-14T02:00"));
                            assertThat(a.evidence())
                                    .containsEntry("lastReadingDay", "2026-01-10")
                                    .containsEntry("silentDays", 3);
                        });

        read("2026-01-16T09:00", 1.0);
        watermark("2026-01-17T02:00"); // 16 January closes, read
        assertThat(alerts(AlertType.DATA_QUALITY))
                .hasSize(2)
                .last()
                .satisfies(
                        a -> {
                            assertThat(a.status()).isEqualTo(AlertStatus.CLOSED);
                            assertThat(a.evidence())
                                    .containsEntry("silentFrom", "2026-01-11")
                                    .containsEntry("resumedOn", "2026-01-16")
                                    .containsEntry("silentDays", 5);
                        });

        // silent again from the 17th; the customer is removed from the master on the 21st
        watermark("2026-01-20T02:00"); // the 19th closes: the third day
        assertThat(alerts(AlertType.DATA_QUALITY)).hasSize(3);
        harness.processElement1(CustomerFeed.removal("C1"), at("2026-01-21T09:00"));
        watermark("2026-01-25T02:00"); // a removed customer's days are not watched
        assertThat(alerts(AlertType.DATA_QUALITY))
                .hasSize(4)
                .last()
                .satisfies(
                        a -> {
                            assertThat(a.alertId()).isEqualTo("data-quality:C1:20260119");
                            assertThat(a.status()).isEqualTo(AlertStatus.CLOSED);
                            assertThat(a.evidence())
                                    .containsEntry(
                                            "closedBecause", "removed from the customer master");
                        });
    }

    @Test
    void theDaysAfterAReplaysLastReadingAreNoSilence() throws Exception {
        for (int d = 1; d <= 10; d++) {
            read(String.format("2026-01-%02dT08:15", d), 1.0);
        }
        watermark(Long.MAX_VALUE); // the end of a replay: every pending timer fires

        assertThat(alerts(AlertType.DATA_QUALITY)).isEmpty();
    }

    private List<Bill> bills() {
        return harness.extractOutputValues();
    }

    @Test
    void aMeterThatFallsSilentIsStillBilledEveryMonthFromItsOwnProfile() throws Exception {
        // Read on Friday 30 and Saturday 31 January only, 0.25 kWh every quarter hour: a day is
        // peak 36 × 0.25 = 9, flat 24 × 0.25 = 6, valley 36 × 0.25 = 9 kWh (Shanxi hours).
        for (LocalDateTime end = LocalDateTime.parse("2026-01-30T00:15");
                !end.isAfter(LocalDateTime.parse("2026-02-01T00:00"));
                end = end.plusMinutes(15)) {
            read(end.toString(), 0.25);
        }
        watermark("2026-02-02T00:00"); // January's end + the allowed lateness (1 day here)
        watermark("2026-03-02T00:00"); // February: not one reading
        watermark("2026-04-02T00:00"); // March: none either

        assertThat(bills())
                .extracting(Bill::period)
                .containsExactly("2026-01", "2026-02", "2026-03");
        // January: peak 18, flat 12, valley 18; 18.72 + 7.80 + 5.27 (5.265 half up) = 31.79
        assertThat(bills().get(0).amountFen()).isEqualTo(1_872 + 780 + 527);
        assertThat(bills().get(0).estimatedKwh()).isZero();
        // February, estimated at its own level, 0.25 kWh at every hour of either kind of day:
        // 28 days: peak 252, flat 168, valley 252 = 672 kWh;
        // 252 × 1.04 = 262.08, 168 × 0.65 = 109.20, 252 × 0.2925 = 73.71: 444.99
        Bill february = bills().get(1);
        assertThat(february.kwhByPeriod())
                .containsEntry("PEAK", 252.0)
                .containsEntry("FLAT", 168.0)
                .containsEntry("VALLEY", 252.0);
        assertThat(february.estimatedKwh()).isEqualTo(672.0);
        assertThat(february.amountFen()).isEqualTo(26_208 + 10_920 + 7_371);
        // March, 31 days: 744 kWh; 279 × 1.04 = 290.16, 186 × 0.65 = 120.90,
        // 279 × 0.2925 = 81.6075 → 81.61: 492.67
        assertThat(bills().get(2).estimatedKwh()).isEqualTo(744.0);
        assertThat(bills().get(2).amountFen()).isEqualTo(29_016 + 12_090 + 8_161);
    }

    @Test
    void aReadingTooLateForItsQuarterHourIsLeftOutAndTheRegisterBillsItsEnergy() throws Exception {
        read("2026-01-15T09:00", 2.0); // 08:45-09:00, peak
        MeterReading late = lose("2026-01-15T09:15", 5.0); // 09:00-09:15, peak, held up
        read("2026-01-15T09:30", 1.0); // 09:15-09:30, peak: its register counts the 5.0 too
        watermark("2026-01-16T12:00"); // 09:00-09:15 closed at 16 January 09:15 (lateness 1 day)
        readLate(late);
        read("2026-02-01T00:15", 0.5); // the meter reads again in February
        watermark("2026-02-02T00:00");

        assertTheRegisterBilledTheLateQuarterHour();
    }

    /**
     * January's one bill after a 09:00-09:15 reading of 5.0 kWh was left out too late: metered 2.0
     * + 1.0, the gap 09:00-09:15 between two register reads 5.0, peak; 8.0 × 1.04 = 8.32.
     */
    private void assertTheRegisterBilledTheLateQuarterHour() {
        assertThat(bills())
                .singleElement()
                .satisfies(
                        b -> {
                            assertThat(b.kwhByPeriod()).containsEntry("PEAK", 8.0);
                            assertThat(b.estimatedKwh()).isEqualTo(5.0);
                            assertThat(b.amountFen()).isEqualTo(832);
                        });
    }

    @Test
    void aReadingTheJoinSawAfterItsDayClosedIsLeftOutOfTheDayWhateverTheAccountsEventTime()
            throws Exception {
        read("2026-01-15T10:15", 1.0);
        // Two late readings of the 15th; its day closes at 02:00 on the 16th (two hours' grace).
        // The account's own event time is still on the 15th: another of its inputs lags.
        joinWatermark("2026-01-16T01:45");
        readLate(lose("2026-01-15T11:15", 2.0)); // the join had not passed the close
        joinWatermark("2026-01-16T02:00");
        readLate(lose("2026-01-15T12:15", 4.0)); // the join had: left out
        assertThat(harness.getSideOutput(CustomerAccounts.DAYS)).isNull();
        watermark("2026-01-16T02:00");

        assertThat(harness.getSideOutput(CustomerAccounts.DAYS))
                .extracting(StreamRecord::getValue)
                .singleElement()
                .satisfies(day -> assertThat(day.kwh()).isEqualTo(1.0 + 2.0));
    }

    @Test
    void aReadingTheJoinSawAfterItsQuarterHourClosedIsLeftOutWhateverTheAccountsEventTime()
            throws Exception {
        read("2026-01-15T09:00", 2.0); // 08:45-09:00, peak
        MeterReading late = lose("2026-01-15T09:15", 5.0); // 09:00-09:15, peak
        read("2026-01-15T09:30", 1.0); // 09:15-09:30, peak: its register counts the 5.0 too
        // The join had passed 16 January 09:15, when 09:00-09:15 closed (lateness 1 day), and the
        // load rejected the reading there; the account's own event time lags (another input).
        joinWatermark("2026-01-16T09:15");
        readLate(late);
        read("2026-02-01T00:15", 0.5);
        watermark("2026-02-02T00:00");

        // as when the account's own event time had passed it
        assertTheRegisterBilledTheLateQuarterHour();
    }

    @Test
    void atTheEndOfAReplayNoMonthIsBilledBeyondTheCustomersReadings() throws Exception {
        billJanuary(); // and a reading on 1 February: the data ends inside February

        watermark(Long.MAX_VALUE);

        assertThat(bills()).extracting(Bill::period).containsExactly("2026-01");
    }

    @Test
    void rejectsAPaymentForACustomerNotInTheMasterAfterTheGraceAndKeepsNothing() throws Exception {
        pay("P1", "2026-01-20T10:00", 5000);
        watermark("2026-01-20T10:59");
        assertThat(rejections()).as("waits an hour for the master").isEmpty();

        watermark("2026-01-20T11:00");

        assertThat(rejections()).containsExactly(RejectReason.UNKNOWN_CUSTOMER);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aPaymentThatWaitedForTheMasterIsAppliedWhenItComes() throws Exception {
        pay("P1", "2026-01-20T10:00", 500);
        watermark("2026-01-20T10:30");

        knowTheShop();
        read("2026-01-25T08:15", 10.0); // peak: 10 × 1.04 = 10.40 CNY
        read("2026-02-01T00:15", 1.0);
        watermark("2026-02-02T00:00");

        assertThat(rejections()).isEmpty();
        // 5.00 CNY paid before January's 10.40 CNY bill counts as paid: 5.40 left, not late
        assertThat(standings())
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.revenue12Fen()).isEqualTo(1040);
                            assertThat(s.daysPastDue()).isZero();
                        });
    }

    /**
     * The shop's meter is exchanged on 20 January (M1 released, M2 assigned): each meter's join
     * keeps its part of January and ships it, and the one bill holds both parts. M2's register here
     * goes on from M1's, so that no gap between them carries energy and the bill is the one worked
     * by hand in the first test: 10.40 + 2.93 + 2.60.
     */
    @Test
    void aMonthReadOnTwoMetersIsBilledOnceWithBothParts() throws Exception {
        knowTheShop();
        read("2026-01-15T08:15", 10.0); // M1, peak: 10 × 1.04 = 10.40
        watermark("2026-01-20T00:00");
        exchangeForM2();
        for (String[] r :
                new String[][] {
                    {"2026-01-25T12:15", "10.0"}, // valley: 10 × 0.2925 = 2.925
                    {"2026-01-31T23:45", "4.0"}, // flat: 4 × 0.65 = 2.60
                    {"2026-02-01T00:15", "3.0"}
                }) {
            double kwh = Double.parseDouble(r[1]);
            register += kwh;
            MeterReading m2 = new MeterReading("M2", at(r[0]), 15, kwh, register, Double.NaN, 0);
            join.processElement2(m2, m2.endMillis());
            pass();
        }
        watermark("2026-02-02T00:00");

        assertThat(bills())
                .singleElement()
                .satisfies(CustomerAccountsTest::assertTheFirstTestsJanuary);
    }

    /** The shop's meter M1 exchanged for M2: the master names M2 from now on. */
    private void exchangeForM2() throws Exception {
        Customer exchanged =
                new Customer(
                        "C1",
                        "M2",
                        SHOP.customerClass(),
                        SHOP.areaId(),
                        SHOP.tariffId(),
                        SHOP.prepaid(),
                        SHOP.contractKw(),
                        SHOP.sinceEpochDay());
        join.processElement1(MeterAssignment.release(SHOP, false), 0);
        join.processElement1(MeterAssignment.assign(exchanged), 0);
        pass();
    }

    /** A 15-minute reading of M2 ending at {@code end}, its register at {@code registerKwh}. */
    private void readM2(String end, double kwh, double registerKwh) throws Exception {
        MeterReading m2 = new MeterReading("M2", at(end), 15, kwh, registerKwh, Double.NaN, 0);
        join.processElement2(m2, m2.endMillis());
        pass();
    }

    /** The day reports the accounts sent for {@code date}, yyyy-MM-dd. */
    private List<DayReport> reportsOf(String date) {
        long epochDay = java.time.LocalDate.parse(date).toEpochDay();
        return sent(CustomerAccounts.DAYS).stream()
                .filter(r -> !r.isDeparture() && r.epochDay() == epochDay)
                .toList();
    }

    /**
     * A meter exchanged at midnight: the new meter's register counts from 0, far below the old
     * one's 1,000-odd kWh, which is no rollback (before, the new meter's first day said the
     * register had been rolled back: theft evidence, 1.5 spreads).
     */
    @Test
    void aMeterExchangedAtMidnightIsNoRegisterRollback() throws Exception {
        read("2026-01-19T08:15", 1.0);
        read("2026-01-19T23:45", 1.0); // M1 ends the day at 1,002
        watermark("2026-01-20T00:00");
        exchangeForM2();
        readM2("2026-01-20T08:15", 0.5, 0.5);
        readM2("2026-01-20T09:15", 0.5, 1.0);
        watermark("2026-01-21T03:00");

        assertThat(reportsOf("2026-01-19")).singleElement();
        assertThat(reportsOf("2026-01-20"))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kwh()).isEqualTo(1.0);
                            assertThat(r.registerRollback()).isFalse();
                            assertThat(r.registerMismatch()).isFalse();
                        });
    }

    /**
     * A meter exchanged at noon, every quarter hour read by one meter or the other: the two meters'
     * registers make no span of the day (the old one's morning from 1,000, the new one's afternoon
     * from 0), so the day's register is not compared with its intervals (before, the merged day's
     * register "advanced" from 1,000 to 12: a register behind its intervals).
     */
    @Test
    void aDayReadByTwoMetersIsNoRegisterMismatch() throws Exception {
        LocalDateTime q = LocalDateTime.parse("2026-01-20T00:15");
        for (int i = 0; i < 48; i++, q = q.plusMinutes(15)) {
            read(q.toString(), 0.25);
        }
        exchangeForM2();
        double m2 = 0;
        for (int i = 0; i < 48; i++, q = q.plusMinutes(15)) {
            m2 += 0.25;
            readM2(q.toString(), 0.25, m2);
        }
        watermark("2026-01-21T03:00");

        assertThat(reportsOf("2026-01-20"))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.kwh()).isEqualTo(24.0);
                            assertThat(r.registerMismatch()).isFalse();
                            assertThat(r.registerRollback()).isFalse();
                        });
    }

    /**
     * An inspector finds the meter faulty, and it is replaced under the same meter id: the new
     * register counts from 0, which is no rollback.
     */
    @Test
    void aMeterFoundFaultyIsReplacedAndItsNewRegisterIsNoRollback() throws Exception {
        read("2026-01-19T08:15", 1.0);
        read("2026-01-20T08:15", 1.0); // 1,002
        Inspection fault =
                new Inspection(
                        "C1",
                        "quality:C1:20260118",
                        at("2026-01-20T10:00"),
                        InspectionOutcome.METER_FAULT);
        harness.processElement2(AccountEvent.of(fault), fault.tsMillis());
        watermark("2026-01-20T10:00");
        register = 0; // the replacement
        read("2026-01-21T08:15", 0.5);
        watermark("2026-01-22T03:00");

        assertThat(reportsOf("2026-01-21"))
                .singleElement()
                .satisfies(r -> assertThat(r.registerRollback()).isFalse());
    }

    /** A pre-paid household on meter M7. */
    private static final Customer PREPAID_HOUSE = household("residential-tiered", true);

    /** The household C7 on meter M7. */
    private static Customer household(String tariffId, boolean prepaid) {
        return new Customer(
                "C7",
                "M7",
                CustomerClass.RESIDENTIAL,
                "A001",
                tariffId,
                prepaid,
                8.0,
                Customer.UNKNOWN_SINCE);
    }

    /**
     * The pre-paid household uses 1 kWh an hour until 4 February; from then its meter reads zero in
     * the hours before {@code zeroUntilHour} each day (24: all day). The day reports of 5 to 7
     * February.
     */
    private List<DayReport> prepaidHouseReadingZerosFrom4February(int zeroUntilHour)
            throws Exception {
        join.processElement1(MeterAssignment.assign(PREPAID_HOUSE), 0);
        pass();
        LocalDateTime zerosFrom = LocalDateTime.parse("2026-02-04T00:00");
        readM7Hourly(
                "2026-01-01T01:00",
                "2026-02-08T00:00",
                end ->
                        end.isAfter(zerosFrom) && end.minusHours(1).getHour() < zeroUntilHour
                                ? 0
                                : 1.0);
        watermark("2026-02-08T03:00");
        return reportsOfC7From("2026-02-05");
    }

    private double m7Register = 5_000;

    /** Hourly readings of M7 ending {@code first} to {@code last}, each of {@code kwh(end)}. */
    private void readM7Hourly(
            String first, String last, java.util.function.ToDoubleFunction<LocalDateTime> kwh)
            throws Exception {
        LocalDateTime end = LocalDateTime.parse(first);
        for (; !end.isAfter(LocalDateTime.parse(last)); end = end.plusHours(1)) {
            double k = kwh.applyAsDouble(end);
            m7Register += k;
            MeterReading r =
                    new MeterReading("M7", at(end.toString()), 60, k, m7Register, Double.NaN, 0);
            join.processElement2(r, r.endMillis());
            pass();
        }
    }

    /** C7's day reports from {@code date}, yyyy-MM-dd, on. */
    private List<DayReport> reportsOfC7From(String date) {
        return sent(CustomerAccounts.DAYS).stream()
                .filter(r -> r.customerId().equals("C7") && !r.isDeparture())
                .filter(r -> r.epochDay() >= java.time.LocalDate.parse(date).toEpochDay())
                .toList();
    }

    /**
     * A pre-paid meter cuts the supply when the credit is used up, until the customer tops up: days
     * at zero throughout are its relay open, not judged (before, they were the theft detectors'
     * zeros while occupied).
     */
    @Test
    void aPrepaidMeterReadingZeroAllDayIsNotJudged() throws Exception {
        assertThat(prepaidHouseReadingZerosFrom4February(24))
                .hasSize(3)
                .allSatisfy(
                        r -> {
                            assertThat(r.kwh()).isZero();
                            assertThat(r.scored()).isFalse();
                        });
    }

    /** Zeros for part of each day (a thief's zero window) are judged, pre-paid or not. */
    @Test
    void aPrepaidMetersZerosForPartOfTheDayAreJudged() throws Exception {
        assertThat(prepaidHouseReadingZerosFrom4February(12))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.scored()).isTrue());
    }

    /**
     * A household moves to the off-peak option of its tariff (the utility's own nudge) and does its
     * washing at night: its usual day is learned afresh from the change, as after an inspector's
     * NO_FINDING, so its first days on the new prices are not judged against the old habits
     * (before, they were: a peak moved to the valley is what the peak-shift attack looks like).
     */
    @Test
    void aTariffChangeLearnsTheUsualDayAfresh() throws Exception {
        Customer onTiered = household("residential-tiered", false);
        join.processElement1(MeterAssignment.assign(onTiered), 0);
        pass();
        readM7Hourly("2026-01-01T01:00", "2026-02-01T00:00", end -> 1.0);
        watermark("2026-02-01T03:00");
        assertThat(reportsOfC7From("2026-01-31"))
                .singleElement()
                .satisfies(r -> assertThat(r.scored()).isTrue());

        Customer offPeak = household("residential-tiered-offpeak", false);
        join.processElement1(MeterAssignment.assign(offPeak), 0);
        pass();
        readM7Hourly("2026-02-01T01:00", "2026-02-03T00:00", end -> 1.0);
        watermark("2026-02-03T03:00");

        assertThat(reportsOfC7From("2026-02-01"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.scored()).isFalse());
    }

    /** January's bill as the first test works it by hand. */
    private static void assertTheFirstTestsJanuary(Bill b) {
        assertThat(b.period()).isEqualTo("2026-01");
        assertThat(b.kwhByPeriod())
                .containsEntry("PEAK", 10.0)
                .containsEntry("VALLEY", 10.0)
                .containsEntry("FLAT", 4.0);
        // 10.40 + 2.93 (2.925 rounded half up) + 2.60
        assertThat(b.amountFen()).isEqualTo(1040 + 293 + 260);
    }

    /**
     * A month or day that crossed the customer's removal on another meter's path leaves nothing.
     */
    @Test
    void aMonthAfterTheRemovalIsDropped() throws Exception {
        knowTheShop();
        harness.processElement1(CustomerFeed.removal("C1"), 0);
        MonthlyUsage january =
                MonthlyUsage.of(
                        java.time.YearMonth.of(2026, 1),
                        new BillingCalendar(SETTINGS.zone(), BillingCalendar.DEFAULT_DAYS_TO_PAY));
        harness.processElement1(CustomerFeed.month("C1", january, null), 0);
        watermark("2026-03-01T00:00");

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aRemovedCustomerIsForgottenAndTheFleetTold() throws Exception {
        knowTheShop();
        billJanuary();
        pay("P9", "2026-03-01T10:00", 100); // still waiting for event time

        harness.processElement1(CustomerFeed.removal("C1"), 0);

        assertThat(standings()).last().satisfies(s -> assertThat(s.removed()).isTrue());
        assertThat(rejections()).containsExactly(RejectReason.UNKNOWN_CUSTOMER);
        assertThat(harness.numKeyedStateEntries()).isZero();
        watermark("2026-04-10T00:00"); // the timers armed before fire and find nothing
        assertThat(harness.extractOutputValues()).singleElement(); // January's bill only
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private List<DayReport> departures() {
        return sent(CustomerAccounts.DAYS).stream().filter(DayReport::isDeparture).toList();
    }

    /** The shop, moved to area A002. */
    private static final Customer SHOP_IN_A002 =
            new Customer(
                    "C1",
                    "M1",
                    CustomerClass.COMMERCIAL,
                    "A002",
                    "commercial-tou",
                    false,
                    50.0,
                    Customer.UNKNOWN_SINCE);

    @Test
    void aCustomerWhoMovesAreaIsReportedAsLeavingTheOldOne() throws Exception {
        read("2026-01-05T10:15", 1.0);
        watermark("2026-01-05T12:00");
        join.processElement1(MeterAssignment.assign(SHOP_IN_A002), 0);
        pass();

        assertThat(departures())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.customerId()).isEqualTo("C1");
                            assertThat(d.areaId()).isEqualTo("A001"); // the area it left
                            assertThat(d.departure()).isEqualTo("moved to area A002");
                            assertThat(d.closedAtMillis()).isEqualTo(at("2026-01-05T12:00"));
                            assertThat(d.scored()).isFalse();
                        });
        // the same area again says nothing
        join.processElement1(MeterAssignment.assign(SHOP_IN_A002), 0);
        pass();
        assertThat(departures()).hasSize(1);
    }

    @Test
    void aCustomerRemovedFromTheMasterIsReportedAsLeavingItsArea() throws Exception {
        read("2026-01-05T10:15", 1.0);
        watermark("2026-01-05T12:00");
        join.processElement1(MeterAssignment.release(SHOP, true), 0);
        pass();

        assertThat(departures())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.areaId()).isEqualTo("A001");
                            assertThat(d.departure()).isEqualTo("removed from the customer master");
                        });
    }

    @Test
    void aMasterChangeBeforeEventTimeBeganTellsNoArea() throws Exception {
        knowTheShop();
        join.processElement1(MeterAssignment.assign(SHOP_IN_A002), 0);
        pass();
        assertThat(departures()).isEmpty();
    }
}
