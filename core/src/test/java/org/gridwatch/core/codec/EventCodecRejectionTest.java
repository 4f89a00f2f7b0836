package org.gridwatch.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.gridwatch.core.event.RejectReason;
import org.junit.jupiter.api.Test;

/**
 * One test per {@link RejectReason} that the codec gives on its own (the stateful ones, unknown
 * meter, duplicate and too late, are the jobs' concern). Each checks the reason, that the detail
 * names the field and the offending value, and when the record's event time is known.
 */
class EventCodecRejectionTest {

    private static final String READING =
            "{\"meterId\":\"M0000001\",\"ts\":\"2026-01-15T08:15:00+08:00\","
                    + "\"intervalMinutes\":15,\"kwh\":0.412}";
    private static final String CUSTOMER =
            "{\"customerId\":\"C0000001\",\"meterId\":\"M0000001\",\"class\":\"RESIDENTIAL\","
                    + "\"areaId\":\"A001\",\"tariffId\":\"residential-tiered\",\"prepaid\":false,"
                    + "\"contractKw\":8.0,\"since\":\"2019-03-01\"}";
    private static final String PAYMENT =
            "{\"paymentId\":\"P00000001\",\"customerId\":\"C0000001\","
                    + "\"ts\":\"2026-02-03T19:22:10+08:00\",\"amount\":212.50,\"channel\":\"APP\"}";
    private static final long READING_END = millis("2026-01-15T08:15:00+08:00");
    private static final long PAYMENT_TS = millis("2026-02-03T19:22:10+08:00");
    private static final long NO_TIME = Long.MIN_VALUE;

    private final EventCodec codec = new EventCodec();

    @Test
    void rejectsTruncatedRecordAsNotJsonAndSaysWhereItStopped() {
        Parsed.Bad<?> bad = bad(codec.parseReading(READING.substring(0, 60)));

        assertThat(bad.reason()).isEqualTo(RejectReason.NOT_JSON);
        assertThat(bad.detail()).contains("end-of-input").contains("column 61");
        assertThat(bad.eventMillis()).isEqualTo(NO_TIME);
    }

    @Test
    void rejectsBlankRecordAndGluedMessagesAsNotJson() {
        assertThat(bad(codec.parseReading(" ")).reason()).isEqualTo(RejectReason.NOT_JSON);
        assertThat(bad(codec.parseReading(" ")).detail()).isEqualTo("empty record");

        Parsed.Bad<?> glued = bad(codec.parseReading(READING + READING));
        assertThat(glued.reason()).isEqualTo(RejectReason.NOT_JSON);
        assertThat(glued.detail()).contains("Trailing token");
    }

    @Test
    void rejectsArrayNumberStringAndNullAsNotObject() {
        assertThat(bad(codec.parseReading("[" + READING + "]")))
                .returns(RejectReason.NOT_OBJECT, Parsed.Bad::reason)
                .returns("expected a JSON object, got array", Parsed.Bad::detail);
        assertThat(bad(codec.parseReading("0.412")).detail()).endsWith("got number");
        assertThat(bad(codec.parseReading("\"M0000001\"")).detail()).endsWith("got string");
        assertThat(bad(codec.parseReading("null")).detail()).endsWith("got null");
    }

    @Test
    void rejectsRecordLongerThanTheLimitAsTooLarge() {
        String tenKb = withField(READING, "\"debug\":\"" + "x".repeat(10_240) + "\"");

        Parsed.Bad<?> bad = bad(codec.parseReading(tenKb));

        assertThat(bad.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(bad.detail()).isEqualTo(tenKb.length() + " characters, more than 8192");
    }

    @Test
    void acceptsRecordOfExactlyTheLimitInLength() {
        String padded = withField(READING, "\"debug\":\"\"");
        String atLimit =
                withField(READING, "\"debug\":\"" + "x".repeat(8192 - padded.length()) + "\"");

        assertThat(atLimit).hasSize(8192);
        assertThat(codec.parseReading(atLimit)).isInstanceOf(Parsed.Ok.class);
    }

    @Test
    void rejectsReadingWithoutKwhAsMissingField() {
        Parsed.Bad<?> bad = bad(codec.parseReading(READING.replace(",\"kwh\":0.412", "")));

        assertThat(bad.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(bad.detail()).isEqualTo("kwh is missing");
        assertThat(bad.eventMillis()).isEqualTo(READING_END);
    }

    @Test
    void rejectsReadingWithNullKwhAsMissingField() {
        Parsed.Bad<?> bad = bad(codec.parseReading(READING.replace("0.412", "null")));

        assertThat(bad.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(bad.detail()).isEqualTo("kwh is missing");
    }

    @Test
    void rejectsReadingWithKwhAsStringAsWrongType() {
        Parsed.Bad<?> bad = bad(codec.parseReading(READING.replace("0.412", "\"0.412\"")));

        assertThat(bad.reason()).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(bad.detail()).isEqualTo("kwh must be a number, got string \"0.412\"");
        assertThat(bad.eventMillis()).isEqualTo(READING_END);
    }

    @Test
    void rejectsCustomerWithPrepaidYesAsWrongType() {
        Parsed.Bad<?> bad =
                bad(
                        codec.parseCustomer(
                                CUSTOMER.replace("\"prepaid\":false", "\"prepaid\":\"yes\"")));

        assertThat(bad.reason()).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(bad.detail()).isEqualTo("prepaid must be true or false, got string \"yes\"");
        assertThat(bad.eventMillis()).as("a customer has no event time").isEqualTo(NO_TIME);
    }

    @Test
    void rejectsMeterIdWithSpaceAsBadIdAtTheReadingsOwnTime() {
        Parsed.Bad<?> bad = bad(codec.parseReading(READING.replace("M0000001", "M000 0001")));

        assertThat(bad.reason()).isEqualTo(RejectReason.BAD_ID);
        assertThat(bad.detail()).startsWith("meterId must be 1..64").endsWith("\"M000 0001\"");
        assertThat(bad.eventMillis())
                .as("the id is checked first, but the timestamp is usable")
                .isEqualTo(READING_END);
    }

    @Test
    void rejectsEmptyAndSixtyFiveCharacterIdsAsBadId() {
        assertThat(bad(codec.parseReading(READING.replace("M0000001", ""))).reason())
                .isEqualTo(RejectReason.BAD_ID);
        assertThat(bad(codec.parseReading(READING.replace("M0000001", "M".repeat(65)))).reason())
                .isEqualTo(RejectReason.BAD_ID);
        assertThat(codec.parseReading(READING.replace("M0000001", "M".repeat(64))))
                .isInstanceOf(Parsed.Ok.class);
    }

    @Test
    void rejectsTimestampWithoutOffsetAsBadTimestamp() {
        Parsed.Bad<?> bad = bad(codec.parseReading(READING.replace("+08:00", "")));

        assertThat(bad.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(bad.detail())
                .isEqualTo("ts must be ISO-8601 with an offset, got \"2026-01-15T08:15:00\"");
        assertThat(bad.eventMillis()).isEqualTo(NO_TIME);
    }

    @Test
    void rejectsTimestampIn1970AsBadTimestampNamingTheYear() {
        Parsed.Bad<?> bad = bad(codec.parseReading(READING.replace("2026-01-15", "1970-01-01")));

        assertThat(bad.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(bad.detail()).contains("1970-01-01T08:15:00+08:00").contains("year 1970");
        assertThat(bad.eventMillis()).isEqualTo(NO_TIME);
    }

    @Test
    void rejectsImpossibleSinceDateAsBadTimestamp() {
        Parsed.Bad<?> bad = bad(codec.parseCustomer(CUSTOMER.replace("2019-03-01", "2019-13-45")));

        assertThat(bad.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(bad.detail()).contains("since").contains("\"2019-13-45\"");
    }

    @Test
    void rejectsSinceBefore1900AsBadTimestampNamingTheYear() {
        Parsed.Bad<?> bad = bad(codec.parseCustomer(CUSTOMER.replace("2019-03-01", "1899-12-31")));

        assertThat(bad.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(bad.detail()).isEqualTo("since \"1899-12-31\": year 1899 outside 1900..2100");
    }

    @Test
    void rejectsTwentyMinuteIntervalAsBadInterval() {
        Parsed.Bad<?> bad =
                bad(
                        codec.parseReading(
                                READING.replace(
                                        "\"intervalMinutes\":15", "\"intervalMinutes\":20")));

        assertThat(bad.reason()).isEqualTo(RejectReason.BAD_INTERVAL);
        assertThat(bad.detail()).isEqualTo("intervalMinutes=20, expected 15, 30 or 60");
        assertThat(bad.eventMillis()).isEqualTo(READING_END);
    }

    @Test
    void rejectsReadingEndingAt0807AsMisalignedTimestamp() {
        Parsed.Bad<?> bad = bad(codec.parseReading(READING.replace("08:15:00", "08:07:00")));

        assertThat(bad.reason()).isEqualTo(RejectReason.MISALIGNED_TIMESTAMP);
        assertThat(bad.detail()).isEqualTo("ts is not within 5 min of a 15-minute boundary");
        assertThat(bad.eventMillis()).isEqualTo(millis("2026-01-15T08:07:00+08:00"));
    }

    @Test
    void rejectsNanAndOverflowingKwhAsNonFinite() {
        Parsed.Bad<?> nan = bad(codec.parseReading(READING.replace("0.412", "NaN")));
        Parsed.Bad<?> huge = bad(codec.parseReading(READING.replace("0.412", "1e999")));

        assertThat(nan.reason()).isEqualTo(RejectReason.NON_FINITE);
        assertThat(nan.detail()).isEqualTo("kwh=NaN");
        assertThat(nan.eventMillis()).isEqualTo(READING_END);
        assertThat(huge.reason()).isEqualTo(RejectReason.NON_FINITE);
        assertThat(huge.detail()).isEqualTo("kwh=Infinity");
    }

    @Test
    void rejectsInfiniteIntervalAsNonFiniteRatherThanAsSomeOtherInterval() {
        Parsed.Bad<?> bad =
                bad(
                        codec.parseReading(
                                READING.replace(
                                        "\"intervalMinutes\":15", "\"intervalMinutes\":Infinity")));

        assertThat(bad.reason()).isEqualTo(RejectReason.NON_FINITE);
        assertThat(bad.detail()).isEqualTo("intervalMinutes=Infinity");
    }

    @Test
    void rejectsReadingWithNegativeKwhAsNegativeKwh() {
        Parsed.Bad<?> bad = bad(codec.parseReading(READING.replace("0.412", "-3.2")));

        assertThat(bad.reason()).isEqualTo(RejectReason.NEGATIVE_KWH);
        assertThat(bad.detail()).isEqualTo("kwh=-3.2");
        assertThat(bad.eventMillis()).isEqualTo(READING_END);
    }

    @Test
    void rejectsNegativeExportAndNegativeAreaSupplyAsNegativeKwh() {
        Parsed.Bad<?> export = bad(codec.parseReading(withField(READING, "\"exportKwh\":-0.1")));
        Parsed.Bad<?> area =
                bad(
                        codec.parseAreaReading(
                                "{\"areaId\":\"A001\",\"ts\":\"2026-01-15T08:15:00+08:00\","
                                        + "\"intervalMinutes\":15,\"kwh\":-118.2}"));

        assertThat(export.reason()).isEqualTo(RejectReason.NEGATIVE_KWH);
        assertThat(export.detail()).isEqualTo("exportKwh=-0.1");
        assertThat(area.reason()).isEqualTo(RejectReason.NEGATIVE_KWH);
        assertThat(area.eventMillis()).isEqualTo(READING_END);
    }

    @Test
    void rejectsReadingAboveMaxKwAsImplausibleKwh() {
        // 300 MW for 15 minutes is 75,000 kWh: that much is possible, a Wh more is not.
        assertThat(codec.parseReading(READING.replace("0.412", "75000")))
                .isInstanceOf(Parsed.Ok.class);

        Parsed.Bad<?> bad = bad(codec.parseReading(READING.replace("0.412", "75000.001")));

        assertThat(bad.reason()).isEqualTo(RejectReason.IMPLAUSIBLE_KWH);
        assertThat(bad.detail())
                .startsWith("kwh=75000.001 in 15 min is an average of 300000.00")
                .endsWith("above maxKw 300000.0");
        assertThat(bad.eventMillis()).isEqualTo(READING_END);
    }

    @Test
    void rejectsReadingAboveAConfiguredMaxKwForItsIntervalLength() {
        ValidationLimits tenKw = new ValidationLimits(8192, 10.0, 3.0, 100_000_000_000L, 1e6, 5);
        EventCodec small = new EventCodec(EventTime.DEFAULT_ZONE, tenKw);
        String hour =
                READING.replace("\"intervalMinutes\":15", "\"intervalMinutes\":60")
                        .replace("08:15:00", "09:00:00");

        assertThat(small.parseReading(READING.replace("0.412", "2.5")))
                .isInstanceOf(Parsed.Ok.class);
        assertThat(bad(small.parseReading(READING.replace("0.412", "2.6"))).reason())
                .isEqualTo(RejectReason.IMPLAUSIBLE_KWH);
        assertThat(small.parseReading(hour.replace("0.412", "10.0"))).isInstanceOf(Parsed.Ok.class);
        assertThat(bad(small.parseReading(hour.replace("0.412", "10.1"))).reason())
                .isEqualTo(RejectReason.IMPLAUSIBLE_KWH);
    }

    @Test
    void rejectsExportAboveMaxKwAsImplausibleKwh() {
        Parsed.Bad<?> bad = bad(codec.parseReading(withField(READING, "\"exportKwh\":1e7")));

        assertThat(bad.reason()).isEqualTo(RejectReason.IMPLAUSIBLE_KWH);
        assertThat(bad.detail()).startsWith("exportKwh=1.0E7 in 15 min");
    }

    @Test
    void rejectsImplausibleAreaSupplyAsImplausibleKwh() {
        Parsed.Bad<?> bad =
                bad(
                        codec.parseAreaReading(
                                "{\"areaId\":\"A001\",\"ts\":\"2026-01-15T08:15:00+08:00\","
                                        + "\"intervalMinutes\":15,\"kwh\":1e9}"));

        assertThat(bad.reason()).isEqualTo(RejectReason.IMPLAUSIBLE_KWH);
        assertThat(bad.detail()).startsWith("kwh=1.0E9 in 15 min");
    }

    @Test
    void rejectsUnknownCustomerClassAsUnknownCode() {
        Parsed.Bad<?> bad = bad(codec.parseCustomer(CUSTOMER.replace("RESIDENTIAL", "HOUSEHOLD")));

        assertThat(bad.reason()).isEqualTo(RejectReason.UNKNOWN_CODE);
        assertThat(bad.detail()).isEqualTo("class \"HOUSEHOLD\" is not a CustomerClass");
    }

    @Test
    void rejectsUnknownEventFlagAndUnknownChannelAsUnknownCode() {
        Parsed.Bad<?> flag =
                bad(
                        codec.parseReading(
                                withField(READING, "\"events\":[\"COVER_OPEN\",\"LIGHTNING\"]")));
        Parsed.Bad<?> channel = bad(codec.parsePayment(PAYMENT.replace("APP", "WECHAT")));

        assertThat(flag.reason()).isEqualTo(RejectReason.UNKNOWN_CODE);
        assertThat(flag.detail()).isEqualTo("events \"LIGHTNING\" is not a MeterEvent");
        assertThat(flag.eventMillis()).isEqualTo(READING_END);
        assertThat(channel.reason()).isEqualTo(RejectReason.UNKNOWN_CODE);
        assertThat(channel.detail()).isEqualTo("channel \"WECHAT\" is not a PaymentChannel");
        assertThat(channel.eventMillis()).isEqualTo(PAYMENT_TS);
    }

    @Test
    void rejectsPaymentWithThreeDecimalsAsBadAmount() {
        Parsed.Bad<?> bad = bad(codec.parsePayment(PAYMENT.replace("212.50", "1.234")));

        assertThat(bad.reason()).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(bad.detail()).isEqualTo("amount=1.234: more than two decimals (fen)");
        assertThat(bad.eventMillis()).isEqualTo(PAYMENT_TS);
    }

    @Test
    void rejectsZeroAndAbsurdPaymentsAsBadAmount() {
        Parsed.Bad<?> zero = bad(codec.parsePayment(PAYMENT.replace("212.50", "0.00")));
        Parsed.Bad<?> absurd = bad(codec.parsePayment(PAYMENT.replace("212.50", "1000000000.01")));

        assertThat(zero.reason()).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(zero.detail()).isEqualTo("amount=0: must be non-zero");
        assertThat(absurd.reason()).isEqualTo(RejectReason.BAD_AMOUNT);
        assertThat(absurd.detail()).isEqualTo("amount=1000000000.01: beyond 1000000000.00 yuan");
        assertThat(codec.parsePayment(PAYMENT.replace("212.50", "1000000000.00")))
                .isInstanceOf(Parsed.Ok.class);
    }

    @Test
    void rejectsZeroContractCapacityAsBadCapacity() {
        Parsed.Bad<?> bad =
                bad(
                        codec.parseCustomer(
                                CUSTOMER.replace("\"contractKw\":8.0", "\"contractKw\":0")));

        assertThat(bad.reason()).isEqualTo(RejectReason.BAD_CAPACITY);
        assertThat(bad.detail()).isEqualTo("contractKw=0.0 outside (0, 1000000.0]");
    }

    @Test
    void rejectsNegativeAndAboveGigawattCapacityAsBadCapacity() {
        assertThat(bad(codec.parseCustomer(CUSTOMER.replace("8.0", "-8.0"))).reason())
                .isEqualTo(RejectReason.BAD_CAPACITY);
        assertThat(bad(codec.parseCustomer(CUSTOMER.replace("8.0", "1000000.5"))).reason())
                .isEqualTo(RejectReason.BAD_CAPACITY);
        assertThat(codec.parseCustomer(CUSTOMER.replace("8.0", "1000000")))
                .isInstanceOf(Parsed.Ok.class);
    }

    /** Adds a field at the end of a one-line JSON object. */
    static String withField(String json, String field) {
        return json.substring(0, json.length() - 1) + "," + field + "}";
    }

    static long millis(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant().toEpochMilli();
    }

    static Parsed.Bad<?> bad(Parsed<?> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Bad.class);
        return (Parsed.Bad<?>) parsed;
    }
}
