package org.gridwatch.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.core.codec.EventCodecRejectionTest.bad;
import static org.gridwatch.core.codec.EventCodecRejectionTest.millis;
import static org.gridwatch.core.codec.EventCodecRejectionTest.withField;

import java.time.LocalDate;
import java.time.ZoneId;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.gridwatch.core.event.RejectReason;
import org.junit.jupiter.api.Test;

/** What the codec accepts: the contract's own examples and the variations the contract allows. */
class EventCodecTest {

    private static final String READING =
            "{\"meterId\":\"M0000001\",\"ts\":\"2026-01-15T08:15:00+08:00\","
                    + "\"intervalMinutes\":15,\"kwh\":0.412}";

    private final EventCodec codec = new EventCodec();

    @Test
    void readsTheContractsCustomerExample() {
        Customer c = ok(codec.parseCustomer(ContractExamples.CUSTOMER));

        assertThat(c)
                .isEqualTo(
                        new Customer(
                                "C0000042",
                                "M0000042",
                                CustomerClass.RESIDENTIAL,
                                "A017",
                                "residential-tiered",
                                false,
                                8.0,
                                LocalDate.of(2019, 3, 1).toEpochDay()));
    }

    @Test
    void readsTheContractsReadingExample() {
        MeterReading r = ok(codec.parseReading(ContractExamples.READING));

        assertThat(r.meterId()).isEqualTo("M0000042");
        assertThat(r.endMillis()).isEqualTo(millis("2026-01-15T08:15:00+08:00"));
        assertThat(r.startMillis()).isEqualTo(millis("2026-01-15T08:00:00+08:00"));
        assertThat(r.intervalMinutes()).isEqualTo(15);
        assertThat(r.kwh()).isEqualTo(0.412);
        assertThat(r.registerKwh()).isEqualTo(18342.117);
        assertThat(r.exportKwh()).isEqualTo(0.0);
        assertThat(MeterEvent.decode(r.events())).containsExactly(MeterEvent.COVER_OPEN);
    }

    @Test
    void readsTheContractsAreaReadingExample() {
        AreaReading a = ok(codec.parseAreaReading(ContractExamples.AREA_READING));

        assertThat(a)
                .isEqualTo(new AreaReading("A017", millis("2026-01-15T08:15:00+08:00"), 15, 118.2));
    }

    @Test
    void readsTheContractsPaymentExampleInFen() {
        Payment p = ok(codec.parsePayment(ContractExamples.PAYMENT));

        assertThat(p)
                .isEqualTo(
                        new Payment(
                                "P00091233",
                                "C0000042",
                                millis("2026-02-03T19:22:10+08:00"),
                                21250,
                                PaymentChannel.APP));
    }

    @Test
    void readsTheContractsInspectionExample() {
        Inspection i = ok(codec.parseInspection(ContractExamples.INSPECTION));

        assertThat(i)
                .isEqualTo(
                        new Inspection(
                                "C0000042",
                                "...",
                                millis("2026-03-01T10:00:00+08:00"),
                                InspectionOutcome.CONFIRMED_THEFT));
    }

    @Test
    void ignoresUnknownFieldsWhateverTheirShape() {
        String extended =
                withField(
                        READING, "\"firmware\":\"v2.1\",\"quality\":{\"flags\":[1,2]},\"x\":null");

        assertThat(ok(codec.parseReading(extended))).isEqualTo(ok(codec.parseReading(READING)));
    }

    @Test
    void readsReadingWithoutOptionalFieldsAsAbsent() {
        MeterReading r = ok(codec.parseReading(READING));

        assertThat(r.hasRegister()).isFalse();
        assertThat(r.hasExport()).isFalse();
        assertThat(r.events()).isZero();
        assertThat(ok(codec.parseReading(withField(READING, "\"events\":[]"))).events()).isZero();
        assertThat(ok(codec.parseReading(withField(READING, "\"registerKwh\":null"))).hasRegister())
                .isFalse();
    }

    @Test
    void readsCustomerWithoutContractKwOrSinceAsUnknown() {
        String bare =
                "{\"customerId\":\"C0000001\",\"meterId\":\"M0000001\",\"class\":\"AGRICULTURE\","
                        + "\"areaId\":\"A001\",\"tariffId\":\"agri\",\"prepaid\":true}";

        Customer c = ok(codec.parseCustomer(bare));

        assertThat(c.hasContractKw()).isFalse();
        assertThat(c.hasSince()).isFalse();
        assertThat(c.prepaid()).isTrue();
        assertThat(c.customerClass()).isEqualTo(CustomerClass.AGRICULTURE);
    }

    @Test
    void readsInspectionWithoutAlertIdAsRoutine() {
        Inspection i =
                ok(
                        codec.parseInspection(
                                "{\"customerId\":\"C0000001\",\"ts\":\"2026-03-01T10:00:00+08:00\","
                                        + "\"outcome\":\"NO_FINDING\"}"));

        assertThat(i.alertId()).isNull();
        assertThat(i.outcome()).isEqualTo(InspectionOutcome.NO_FINDING);
    }

    @Test
    void readsEveryCustomerClassAndEveryMeterEventOfTheContract() {
        for (CustomerClass cls : CustomerClass.values()) {
            String raw = ContractExamples.CUSTOMER.replace("RESIDENTIAL", cls.name());
            assertThat(ok(codec.parseCustomer(raw)).customerClass()).isEqualTo(cls);
        }
        String all =
                "\"events\":[\"COVER_OPEN\",\"MAGNETIC_TAMPER\",\"PHASE_LOSS\","
                        + "\"CURRENT_IMBALANCE\",\"POWER_OFF\",\"POWER_ON\",\"CLOCK_RESET\","
                        + "\"REVERSE_FLOW\"]";
        MeterReading r = ok(codec.parseReading(withField(READING, all)));
        assertThat(MeterEvent.decode(r.events())).containsExactly(MeterEvent.values());
    }

    @Test
    void readsTheSameInstantWhateverOffsetItIsWrittenWith() {
        long shanghai = ok(codec.parseReading(READING)).endMillis();
        long utc =
                ok(codec.parseReading(
                                READING.replace(
                                        "2026-01-15T08:15:00+08:00", "2026-01-15T00:15:00Z")))
                        .endMillis();
        long india =
                ok(codec.parseReading(
                                READING.replace(
                                        "2026-01-15T08:15:00+08:00", "2026-01-15T05:45:00+05:30")))
                        .endMillis();

        assertThat(utc).isEqualTo(shanghai);
        assertThat(india).isEqualTo(shanghai);
        assertThat(shanghai).isEqualTo(millis("2026-01-15T00:15:00Z"));
    }

    @Test
    void acceptsHalfHourAndHourIntervalsAlignedInShanghaiTime() {
        MeterReading half = ok(codec.parseReading(interval(30, "2026-01-15T08:30:00+08:00")));
        MeterReading hour = ok(codec.parseReading(interval(60, "2026-01-15T01:00:00Z")));

        assertThat(half.intervalMinutes()).isEqualTo(30);
        assertThat(half.startMillis()).isEqualTo(millis("2026-01-15T08:00:00+08:00"));
        assertThat(hour.intervalMinutes()).isEqualTo(60);
        assertThat(hour.startMillis()).isEqualTo(millis("2026-01-15T08:00:00+08:00"));
    }

    @Test
    void alignsIntervalsOnTheUtilitysLocalClockNotOnTheWritersOffset() {
        // 09:00 in India is 11:30 in Shanghai: on a half hour, not on an hour.
        String indiaNine = "2026-01-15T09:00:00+05:30";

        assertThat(codec.parseReading(interval(30, indiaNine))).isInstanceOf(Parsed.Ok.class);
        assertThat(bad(codec.parseReading(interval(60, indiaNine))).reason())
                .isEqualTo(RejectReason.MISALIGNED_TIMESTAMP);

        EventCodec indianUtility =
                new EventCodec(ZoneId.of("Asia/Kolkata"), ValidationLimits.DEFAULT);
        assertThat(indianUtility.parseReading(interval(60, indiaNine)))
                .isInstanceOf(Parsed.Ok.class);
    }

    @Test
    void readsIntervalWrittenAsWholeDecimalAsThatInterval() {
        String raw = READING.replace("\"intervalMinutes\":15", "\"intervalMinutes\":15.0");

        assertThat(ok(codec.parseReading(raw)).intervalMinutes()).isEqualTo(15);
    }

    @Test
    void acceptsNegativePaymentAsReversal() {
        Payment p = ok(codec.parsePayment(ContractExamples.PAYMENT.replace("212.50", "-212.50")));

        assertThat(p.amountFen()).isEqualTo(-21250);
    }

    @Test
    void readsPaymentsToTheExactFenUpToTheLimit() {
        // amount * 100 in binary misses by more than any fixed tolerance above ~10^8 yuan.
        assertThat(ok(codec.parsePayment(amount("555555555.55"))).amountFen())
                .isEqualTo(55555555555L);
        assertThat(ok(codec.parsePayment(amount("987654321.23"))).amountFen())
                .isEqualTo(98765432123L);
        assertThat(ok(codec.parsePayment(amount("0.29"))).amountFen()).isEqualTo(29);
        assertThat(ok(codec.parsePayment(amount("0.01"))).amountFen()).isEqualTo(1);
        assertThat(ok(codec.parsePayment(amount("2.5E2"))).amountFen()).isEqualTo(25000);
        assertThat(ok(codec.parsePayment(amount("100"))).amountFen()).isEqualTo(10000);
    }

    @Test
    void readsEveryWholeFenAmountInASweepExactly() {
        // Every amount from 9,999,999.00 to 10,000,001.00 yuan in steps of 0.01 plus a spread
        // over the whole range: the fen read is the fen written.
        for (long fen = 999_999_900L; fen <= 1_000_000_100L; fen++) {
            assertThat(ok(codec.parsePayment(amount(yuan(fen)))).amountFen()).isEqualTo(fen);
        }
        for (long fen = 1; fen < 100_000_000_000L; fen = fen * 3 + 7) {
            assertThat(ok(codec.parsePayment(amount(yuan(fen)))).amountFen()).isEqualTo(fen);
            assertThat(ok(codec.parsePayment(amount(yuan(-fen)))).amountFen()).isEqualTo(-fen);
        }
    }

    @Test
    void countsAReadingStampedWithinFiveMinutesOfABoundaryForTheIntervalEndingThere() {
        // the SGSC trial's half hours, stamped at :25 and :55
        assertThat(ok(codec.parseReading(interval(30, "2026-01-15T09:55:00+08:00"))).endMillis())
                .isEqualTo(millis("2026-01-15T10:00:00+08:00"));
        assertThat(ok(codec.parseReading(interval(30, "2026-01-15T10:25:00+08:00"))).endMillis())
                .isEqualTo(millis("2026-01-15T10:30:00+08:00"));
        // a quarter hour 5 minutes either side, through the tree's path (events)
        String late = withField(interval(15, "2026-01-15T08:05:00+08:00"), "\"events\":[]");
        String early = withField(interval(15, "2026-01-15T08:10:00+08:00"), "\"events\":[]");
        assertThat(ok(codec.parseReading(late)).endMillis())
                .isEqualTo(millis("2026-01-15T08:00:00+08:00"));
        assertThat(ok(codec.parseReading(early)).endMillis())
                .isEqualTo(millis("2026-01-15T08:15:00+08:00"));
        // an hour, written in UTC: 01:04Z is 09:04 in Shanghai
        MeterReading hour = ok(codec.parseReading(interval(60, "2026-01-15T01:04:00Z")));
        assertThat(hour.endMillis()).isEqualTo(millis("2026-01-15T09:00:00+08:00"));
        assertThat(hour.startMillis()).isEqualTo(millis("2026-01-15T08:00:00+08:00"));
        // a transformer's meter alike
        AreaReading area =
                ok(
                        codec.parseAreaReading(
                                "{\"areaId\":\"A017\",\"ts\":\"2026-01-15T08:14:00+08:00\","
                                        + "\"intervalMinutes\":15,\"kwh\":118.2}"));
        assertThat(area.endMillis()).isEqualTo(millis("2026-01-15T08:15:00+08:00"));
    }

    @Test
    void rejectsAReadingFurtherThanFiveMinutesFromEveryBoundary() {
        // 08:07 is 7 minutes after 08:00 and 8 before 08:15; 09:06 is 6 after 09:00
        for (String bad :
                java.util.List.of(
                        interval(15, "2026-01-15T08:07:00+08:00"),
                        interval(15, "2026-01-15T08:05:01+08:00"),
                        interval(60, "2026-01-15T09:06:00+08:00"),
                        withField(interval(30, "2026-01-15T09:54:00+08:00"), "\"events\":[]"))) {
            assertThat(bad(codec.parseReading(bad)).reason())
                    .as(bad)
                    .isEqualTo(RejectReason.MISALIGNED_TIMESTAMP);
        }
    }

    @Test
    void takesOnlyExactBoundariesWithoutAClockSkew() {
        ValidationLimits exact =
                new ValidationLimits(8192, 300_000.0, 3.0, 100_000_000_000L, 1_000_000.0, 0);
        EventCodec strict = new EventCodec(EventTime.DEFAULT_ZONE, exact);
        assertThat(bad(strict.parseReading(interval(30, "2026-01-15T09:55:00+08:00"))).detail())
                .isEqualTo("ts is not within 0 min of a 30-minute boundary");
        assertThat(ok(strict.parseReading(interval(30, "2026-01-15T10:00:00+08:00"))).endMillis())
                .isEqualTo(millis("2026-01-15T10:00:00+08:00"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ValidationLimits(8192, 300_000.0, 3.0, 1L, 1.0, 8))
                .hasMessageContaining("maxClockSkewMinutes must be 0..7");
    }

    private static String interval(int minutes, String ts) {
        return READING.replace("\"intervalMinutes\":15", "\"intervalMinutes\":" + minutes)
                .replace("2026-01-15T08:15:00+08:00", ts);
    }

    private static String amount(String yuan) {
        return ContractExamples.PAYMENT.replace("212.50", yuan);
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    static <T> T ok(Parsed<T> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Ok.class);
        return ((Parsed.Ok<T>) parsed).value();
    }
}
