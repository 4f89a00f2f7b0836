package org.gridwatch.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.core.codec.EventCodecRejectionTest.millis;
import static org.gridwatch.core.codec.EventCodecTest.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.core.event.Alert;
import org.gridwatch.core.event.AlertStatus;
import org.gridwatch.core.event.AlertType;
import org.gridwatch.core.event.AreaReading;
import org.gridwatch.core.event.Bill;
import org.gridwatch.core.event.CreditGrade;
import org.gridwatch.core.event.Customer;
import org.gridwatch.core.event.CustomerClass;
import org.gridwatch.core.event.Inspection;
import org.gridwatch.core.event.InspectionOutcome;
import org.gridwatch.core.event.MeterEvent;
import org.gridwatch.core.event.MeterReading;
import org.gridwatch.core.event.Payment;
import org.gridwatch.core.event.PaymentChannel;
import org.gridwatch.core.event.RejectReason;
import org.gridwatch.core.event.Rejected;
import org.gridwatch.core.event.Segment;
import org.gridwatch.core.event.SegmentChange;
import org.gridwatch.core.event.Severity;
import org.gridwatch.core.event.TheftScore;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long END = millis("2026-01-15T08:15:00+08:00");

    /** On an hour, so it ends 15-, 30- and 60-minute intervals alike. */
    private static final long HOUR_END = millis("2026-01-15T09:00:00+08:00");

    private static final double NONE = Double.NaN;

    private final EventJson json = new EventJson();
    private final EventCodec codec = new EventCodec();

    @Test
    void writesCustomersSoTheCodecReadsBackTheSameRecord() {
        long since = LocalDate.of(2019, 3, 1).toEpochDay();
        Customer full =
                new Customer(
                        "C0000042",
                        "M0000042",
                        CustomerClass.LARGE_INDUSTRY,
                        "A017",
                        "large-2part",
                        true,
                        3150.0,
                        since);
        Customer bare =
                new Customer(
                        "C0000043",
                        "M0000043",
                        CustomerClass.RESIDENTIAL,
                        "A017",
                        "residential-tiered",
                        false,
                        NONE,
                        Customer.UNKNOWN_SINCE);

        assertThat(ok(codec.parseCustomer(json.customer(full)))).isEqualTo(full);
        assertThat(ok(codec.parseCustomer(json.customer(bare)))).isEqualTo(bare);
        assertThat(json.customer(bare)).doesNotContain("contractKw").doesNotContain("since");
    }

    @Test
    void writesReadingsSoTheCodecReadsBackTheSameRecord() {
        int tamper = MeterEvent.COVER_OPEN.bit() | MeterEvent.REVERSE_FLOW.bit();
        MeterReading full = new MeterReading("M0000042", END, 15, 0.412, 18342.117, 0.003, tamper);
        MeterReading bare = new MeterReading("M0000043", HOUR_END, 60, 0.0, NONE, NONE, 0);

        assertThat(ok(codec.parseReading(json.reading(full)))).isEqualTo(full);
        assertThat(ok(codec.parseReading(json.reading(bare)))).isEqualTo(bare);
        assertThat(json.reading(full)).contains("\"events\":[\"COVER_OPEN\",\"REVERSE_FLOW\"]");
        assertThat(json.reading(bare))
                .doesNotContain("registerKwh")
                .doesNotContain("exportKwh")
                .doesNotContain("events");
    }

    @Test
    void writesAreaReadingsPaymentsAndInspectionsSoTheCodecReadsThemBack() {
        AreaReading area = new AreaReading("A017", HOUR_END, 30, 118.2);
        Payment payment =
                new Payment("P00091233", "C0000042", END + 1234, 21250, PaymentChannel.APP);
        Payment reversal = new Payment("P00091234", "C0000042", END, -5, PaymentChannel.BANK);
        Inspection afterAlert =
                new Inspection(
                        "C0000042", "theft:C0000042:20260120", END, InspectionOutcome.METER_FAULT);
        Inspection routine = new Inspection("C0000042", null, END, InspectionOutcome.NO_FINDING);

        assertThat(ok(codec.parseAreaReading(json.areaReading(area)))).isEqualTo(area);
        assertThat(ok(codec.parsePayment(json.payment(payment)))).isEqualTo(payment);
        assertThat(ok(codec.parsePayment(json.payment(reversal)))).isEqualTo(reversal);
        assertThat(ok(codec.parseInspection(json.inspection(afterAlert)))).isEqualTo(afterAlert);
        assertThat(ok(codec.parseInspection(json.inspection(routine)))).isEqualTo(routine);
        assertThat(json.inspection(routine)).doesNotContain("alertId");
    }

    @Test
    void writesEnergyWithThreeDecimalsRoundedHalfUp() {
        assertThat(json.reading(reading(0.0005))).endsWith("\"kwh\":0.001}");
        assertThat(json.reading(reading(0.0004))).endsWith("\"kwh\":0.000}");
        assertThat(json.reading(reading(0.0))).endsWith("\"kwh\":0.000}");
        assertThat(json.reading(reading(118.2))).endsWith("\"kwh\":118.200}");
        assertThat(json.reading(reading(0.05))).endsWith("\"kwh\":0.050}");
        assertThat(json.reading(new MeterReading("M1", END, 15, 0.412, 18342.117, NONE, 0)))
                .contains("\"registerKwh\":18342.117");
        assertThat(json.areaReading(new AreaReading("A017", END, 15, 1234.5678)))
                .endsWith("\"kwh\":1234.568}");
    }

    @Test
    void writesMoneyWithTwoDecimalsAndReversalsWithAMinus() {
        assertThat(json.payment(payment(21250))).contains("\"amount\":212.50,");
        assertThat(json.payment(payment(5))).contains("\"amount\":0.05,");
        assertThat(json.payment(payment(100))).contains("\"amount\":1.00,");
        assertThat(json.payment(payment(-21250))).contains("\"amount\":-212.50,");
        assertThat(json.payment(payment(-5))).contains("\"amount\":-0.05,");
    }

    @Test
    void writesTheContractsExamplesBackAsTheyWereWritten() {
        assertThat(json.reading(ok(codec.parseReading(ContractExamples.READING))))
                .isEqualTo(
                        ContractExamples.READING.replace(
                                "\"exportKwh\":0.0", "\"exportKwh\":0.000"));
        assertThat(json.payment(ok(codec.parsePayment(ContractExamples.PAYMENT))))
                .isEqualTo(ContractExamples.PAYMENT);
        assertThat(json.customer(ok(codec.parseCustomer(ContractExamples.CUSTOMER))))
                .isEqualTo(ContractExamples.CUSTOMER.replace("8.0", "8.000"));
    }

    @Test
    void writesTimestampsOnTheUtilitysClock() {
        assertThat(json.time(END)).isEqualTo("2026-01-15T08:15:00+08:00");
        assertThat(new EventJson(ZoneOffset.UTC).time(END)).isEqualTo("2026-01-15T00:15:00Z");
        assertThat(json.time(END + 1)).isEqualTo("2026-01-15T08:15:00.001+08:00");
    }

    @Test
    void writesRejectedWithTheContractsFieldsAndTheRawRecordVerbatim() throws Exception {
        String raw = "{\"kwh\":-3.2,\n\"note\":\"quote \\\" and tab\t\"";
        Rejected r =
                new Rejected("meter-readings", RejectReason.NEGATIVE_KWH, "kwh=-3.2", raw, END);

        JsonNode out = JSON.readTree(json.rejected(r));

        // Output keys are sorted (the same record is always the same bytes); JSON objects are
        // unordered, so only the set of names is the contract's.
        assertThat(fieldNames(out))
                .containsExactlyInAnyOrderElementsOf(fieldNames(ContractExamples.REJECTED));
        assertThat(out.get("source").textValue()).isEqualTo("meter-readings");
        assertThat(out.get("reason").textValue()).isEqualTo("NEGATIVE_KWH");
        assertThat(out.get("detail").textValue()).isEqualTo("kwh=-3.2");
        assertThat(out.get("raw").textValue()).isEqualTo(raw);
        assertThat(json.rejected(r)).doesNotContain("\n").doesNotContain("eventMillis");
    }

    @Test
    void writesBillsWithTheContractsFieldsPlusEstimatedKwhAmountInYuanAndKwhInWattHours()
            throws Exception {
        Map<String, Double> kwh = new LinkedHashMap<>();
        kwh.put("VALLEY", 140.2);
        kwh.put("PEAK", 0.1 + 0.2 + 120.1); // a sum of readings, with binary noise
        kwh.put("FLAT", 88.0);
        Bill bill =
                Bill.of(
                        "C0000042",
                        "2026-01",
                        "residential-tiered",
                        kwh,
                        20137,
                        millis("2026-02-01T00:00:00+08:00"),
                        millis("2026-02-20T00:00:00+08:00"),
                        0.1 + 12.2); // estimated 12.3 kWh, with binary noise

        String written = json.bill(bill);
        JsonNode out = JSON.readTree(written);

        // The contract lets outputs gain optional fields; bills gain estimatedKwh.
        List<String> contract = new ArrayList<>(fieldNames(ContractExamples.BILL));
        contract.add("estimatedKwh");
        assertThat(fieldNames(out)).containsExactlyInAnyOrderElementsOf(contract);
        assertThat(written).contains("\"estimatedKwh\":12.3,");
        assertThat(written).contains("\"amount\":201.37");
        assertThat(written).contains("\"kwh\":{\"FLAT\":88.0,\"PEAK\":120.4,\"VALLEY\":140.2}");
        assertThat(out.get("issued").textValue()).isEqualTo("2026-02-01T00:00:00+08:00");
        assertThat(out.get("due").textValue()).isEqualTo("2026-02-20T00:00:00+08:00");
        assertThat(json.bill(withAmount(bill, 20100))).contains("\"amount\":201.00");
        assertThat(json.bill(withAmount(bill, -7))).contains("\"amount\":-0.07");
    }

    @Test
    void writesAlertsWithTheContractsFieldsAndSortedEvidence() throws Exception {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("nightKwhRatio", 0.04);
        evidence.put("areaLossPct", 11.5);
        Alert alert =
                new Alert(
                        "theft:C0000042:20260120",
                        "C0000042",
                        "M0000042",
                        "A017",
                        AlertType.THEFT,
                        "night-load-vanished",
                        0.87,
                        Severity.HIGH,
                        millis("2026-01-20T00:00:00+08:00"),
                        evidence);

        String written = json.alert(alert);
        JsonNode out = JSON.readTree(written);

        assertThat(fieldNames(out))
                .containsAll(fieldNames(ContractExamples.ALERT))
                .as("the contract's optional status; no type-specific fields left empty")
                .hasSize(fieldNames(ContractExamples.ALERT).size() + 1);
        assertThat(out.get("status").textValue()).isEqualTo("OPEN");
        assertThat(out.get("type").textValue()).isEqualTo("THEFT");
        assertThat(out.get("severity").textValue()).isEqualTo("HIGH");
        assertThat(out.get("score").doubleValue()).isEqualTo(0.87);
        assertThat(out.get("ts").textValue()).isEqualTo("2026-01-20T00:00:00+08:00");
        assertThat(written).contains("\"evidence\":{\"areaLossPct\":11.5,\"nightKwhRatio\":0.04}");

        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("areaLossPct", 11.5);
        reversed.put("nightKwhRatio", 0.04);
        Alert same =
                new Alert(
                        alert.alertId(),
                        alert.customerId(),
                        alert.meterId(),
                        alert.areaId(),
                        alert.type(),
                        alert.rule(),
                        alert.score(),
                        alert.severity(),
                        alert.tsMillis(),
                        reversed);
        assertThat(json.alert(same)).as("the same alert is the same bytes").isEqualTo(written);
    }

    @Test
    void writesTheOptionalAlertFieldsWhenTheyAreKnown() throws Exception {
        Alert arrears =
                new Alert(
                        "arrears:C0000007",
                        "C0000007",
                        "M0000007",
                        "A002",
                        AlertType.ARREARS,
                        "days-past-due",
                        0.5,
                        Severity.MEDIUM,
                        millis("2026-03-01T00:00:00+08:00"),
                        Map.of("daysPastDue", 41),
                        AlertStatus.UPDATED,
                        120.0,
                        312.456,
                        List.of("2026-01", "2026-02"),
                        millis("2026-03-15T00:00:00+08:00"));

        JsonNode out = JSON.readTree(json.alert(arrears));

        assertThat(out.get("status").textValue()).isEqualTo("UPDATED");
        assertThat(out.get("valueAtRiskCny").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(out.get("priority").doubleValue()).as("0.5 × 120 CNY").isEqualTo(60.0);
        assertThat(out.get("amountOwedCny").decimalValue()).isEqualByComparingTo("312.46");
        assertThat(out.get("openBills").toString()).isEqualTo("[\"2026-01\",\"2026-02\"]");
        assertThat(out.get("nextInspection").textValue()).isEqualTo("2026-03-15T00:00:00+08:00");
    }

    @Test
    void writesATheftScoreWithItsOpenAlertIfAny() throws Exception {
        long closed = millis("2026-03-02T02:00:00+08:00");
        assertThat(
                        JSON.readTree(
                                json.theftScore(
                                        new TheftScore(
                                                "C0000042",
                                                "A017",
                                                closed,
                                                0.734,
                                                "theft:C0000042:20260225"))))
                .isEqualTo(
                        JSON.readTree(
                                "{\"customerId\":\"C0000042\",\"areaId\":\"A017\","
                                        + "\"ts\":\"2026-03-02T02:00:00+08:00\",\"score\":0.734,"
                                        + "\"alertId\":\"theft:C0000042:20260225\"}"));
        assertThat(
                        JSON.readTree(
                                json.theftScore(
                                        new TheftScore("C0000043", "A017", closed, 0.0, null))))
                .isEqualTo(
                        JSON.readTree(
                                "{\"customerId\":\"C0000043\",\"areaId\":\"A017\","
                                        + "\"ts\":\"2026-03-02T02:00:00+08:00\",\"score\":0.0}"));
    }

    @Test
    void writesSegmentChangesWithTheContractsFields() throws Exception {
        SegmentChange change =
                new SegmentChange(
                        "C0000042",
                        millis("2026-02-01T00:00:00+08:00"),
                        Segment.HIGH,
                        0.93,
                        0.61,
                        94,
                        CreditGrade.A,
                        new String[] {"ACCOUNT_MANAGER", "OUTAGE_NOTICE_FIRST"});

        JsonNode out = JSON.readTree(json.segmentChange(change));

        assertThat(fieldNames(out))
                .containsExactlyInAnyOrderElementsOf(fieldNames(ContractExamples.SEGMENT));
        assertThat(out).isEqualTo(JSON.readTree(ContractExamples.SEGMENT));
    }

    @Test
    void aSegmentRecordCarriesTheNextInspectionWhenOneIsPlanned() throws Exception {
        SegmentChange change =
                new SegmentChange(
                        "C0000042",
                        millis("2026-02-01T00:00:00+08:00"),
                        Segment.LOW_RISKY,
                        0.2,
                        0.3,
                        50,
                        CreditGrade.C,
                        new String[] {"PERIODIC_INSPECTION"},
                        millis("2026-05-01T10:00:00+08:00"));

        JsonNode out = JSON.readTree(json.segmentChange(change));

        assertThat(out.get("nextInspection").asText()).isEqualTo("2026-05-01T10:00:00+08:00");
    }

    private static List<String> fieldNames(String json) throws Exception {
        return fieldNames(JSON.readTree(json));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static MeterReading reading(double kwh) {
        return new MeterReading("M0000001", END, 15, kwh, NONE, NONE, 0);
    }

    private static Payment payment(long fen) {
        return new Payment("P00000001", "C0000001", END, fen, PaymentChannel.COUNTER);
    }

    private static Bill withAmount(Bill b, long fen) {
        return Bill.of(
                b.customerId(),
                b.period(),
                b.tariffId(),
                b.kwhByPeriod(),
                fen,
                b.issuedMillis(),
                b.dueMillis(),
                b.estimatedKwh());
    }
}
